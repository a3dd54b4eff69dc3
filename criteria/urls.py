"""URLs of the criteria app (filled in by its issue)."""

app_name = "criteria"

urlpatterns: list = []

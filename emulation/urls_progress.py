"""URLs of the movement's progress screens (filled in by its issue)."""

app_name = "progress"

urlpatterns: list = []

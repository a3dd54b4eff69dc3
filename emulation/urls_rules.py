"""URLs of the movement's rules screens (filled in by its issue)."""

app_name = "rules"

urlpatterns: list = []

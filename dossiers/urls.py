"""URLs of the dossiers app (filled in by its issue)."""

app_name = "dossiers"

urlpatterns: list = []

from django.apps import AppConfig


class DevtoolsConfig(AppConfig):
    """Benchmark pages, national-scale seeding and the ``bench*`` commands.

    Installed only in development and tests (``DEVTOOLS``); production settings leave it out.
    """

    name = "devtools"
    verbose_name = "Công cụ phát triển"

"""Retry the notification e-mails not sent yet (run every few minutes from cron)."""

from django.core.management.base import BaseCommand

from dossiers.services.notifications import notification_emails_send


class Command(BaseCommand):
    help = "Gửi lại thư thông báo chưa gửi được (tối đa 5 lần mỗi thư)."

    def handle(self, *args, **options):
        sent, failed = notification_emails_send()
        self.stdout.write(f"Đã gửi {sent} thư; {failed} thư chưa gửi được.")

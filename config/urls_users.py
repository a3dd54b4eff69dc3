from django.urls import path

from config import views

app_name = "users"

urlpatterns = [
    path("nguoi-dung/", views.UserListView.as_view(), name="users"),
    path("nguoi-dung/them/", views.UserCreateView.as_view(), name="user_create"),
    path("nguoi-dung/<int:pk>/", views.UserUpdateView.as_view(), name="user_update"),
    path("nguoi-dung/<int:pk>/mat-khau/", views.user_password_reset, name="user_password_reset"),
    path("nguoi-dung/<int:pk>/mo-khoa/", views.user_unlock, name="user_unlock"),
    path("nhat-ky/", views.AuditLogView.as_view(), name="audit_log"),
    path("thu-chua-gui/", views.MailFailuresView.as_view(), name="mail_failures"),
]

from django.urls import path

from . import views

app_name = "emulation"

urlpatterns = [
    path("nguoi-dung/", views.UserListView.as_view(), name="users"),
    path("nguoi-dung/them/", views.UserCreateView.as_view(), name="user_create"),
    path("nguoi-dung/<int:pk>/", views.UserUpdateView.as_view(), name="user_update"),
]

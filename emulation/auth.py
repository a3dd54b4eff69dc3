"""Sign-in scoped to the installation's province.

Several provinces may share one database; an account of another province's installation
(see :meth:`emulation.models.User.belongs_to_installation`) can neither sign in here nor
keep a session here. The user is read with its district in the same query, so the check
costs no query per request.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend


class ProvinceModelBackend(ModelBackend):
    def user_can_authenticate(self, user) -> bool:
        return super().user_can_authenticate(user) and user.belongs_to_installation()

    def get_user(self, user_id):
        User = get_user_model()
        try:
            user = User._default_manager.select_related("district").get(pk=user_id)
        except User.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None

"""Staff users for tests: one per group, built the way the migration defines the groups."""

from django.contrib.auth.models import Group, User


def make_staff(username: str, group: str | None) -> User:
    user = User.objects.create_user(username=username, password="a-long-test-password-123", is_staff=True)
    if group:
        user.groups.add(Group.objects.get(name=group))
    return User.objects.get(pk=user.pk)  # fresh, without a permission cache

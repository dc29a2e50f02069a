"""What `manage.py seed_demo` prints: every login, under its role, with the one password."""

from commissioning.enums import Role
from commissioning.rounds.demo import DEMO_PASSWORD, PEOPLE


def test_seed_demo_prints_every_login_grouped_by_role_with_the_password(seeded):
    out = seeded.output
    assert f"the password for every one is {DEMO_PASSWORD}" in out
    board = [email for email, _name, role, _org in PEOPLE if role == Role.BOARD]
    assert len(board) > 1
    for email, name, _role, _org in PEOPLE:
        assert email in out
        assert name in out
    assert "admin@demo.example" in out
    # Each login is printed under its role's heading.
    lines = out.splitlines()
    heading = lines.index(f"  {Role.BOARD.label} ({len(board)})")
    following = lines[heading + 1 : heading + 1 + len(board)]
    assert sorted(line.split()[0] for line in following) == sorted(board)
    assert lines.index(f"  {Role.OFFICER.label} (2)") < heading  # Priya Shah and Daniel Okoro, who approves

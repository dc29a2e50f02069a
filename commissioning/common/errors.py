from django.utils.translation import gettext_lazy as _


class ApplicationError(Exception):
    """An action the rules of the round do not allow. Views show its message."""

    default_message = _("That is not allowed.")

    def __init__(self, message=None, *, details=None):
        self.message = str(message or self.default_message)
        self.details = list(details or [])
        super().__init__(self.message)


class InvalidTransition(ApplicationError):
    default_message = _("The round cannot move to that stage.")


class StageBlocked(InvalidTransition):
    """The next stage's guards are not met; details lists each reason."""


class BudgetExceeded(ApplicationError):
    default_message = _("That would exceed the round's budget.")


class ImportRefused(ApplicationError):
    """A file refused whole; details holds (row number, message) pairs."""

    default_message = _("The file was not imported. Nothing was changed.")

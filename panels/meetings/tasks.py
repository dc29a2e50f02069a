from celery import shared_task


@shared_task(name="panels.send_meeting_reminders")
def task_send_meeting_reminders():
    """The beat's hourly run: remind each meeting starting one to two days from now, once per slot."""
    from panels.meetings.services import send_reminders  # noqa: PLC0415 -- leaf task

    return send_reminders()

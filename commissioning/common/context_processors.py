from django.conf import settings


def partnership(request):
    return {"partnership_name": settings.PARTNERSHIP_NAME}

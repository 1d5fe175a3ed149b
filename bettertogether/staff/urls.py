from . import home_urls, onboarding_urls

app_name = "staff"

urlpatterns = [*home_urls.urlpatterns, *onboarding_urls.urlpatterns]

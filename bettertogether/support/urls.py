from django.urls import path

from . import views, views_auth

app_name = "support"

urlpatterns = [
    path("", views.home, name="home"),
    path("sign-in/code/setup/", views_auth.otp_setup, name="otp-setup"),
    path("sign-in/code/", views_auth.otp_verify, name="otp-verify"),
    path("sign-in/confirm/", views_auth.reauthenticate, name="reauth"),
    path("helpline/", views.helpline_list, name="helpline-list"),
    path("helpline/new/", views.helpline_new, name="helpline-new"),
    path("cases/", views.case_list, name="case-list"),
    path("cases/new/", views.case_new, name="case-new"),
    path("cases/overdue/", views.overdue, name="overdue"),
    path("cases/<uuid:pk>/", views.case_detail, name="case-detail"),
    path("cases/<uuid:pk>/assign/", views.case_assign, name="case-assign"),
    path("cases/<uuid:pk>/close/", views.case_close, name="case-close"),
    path("cases/<uuid:pk>/notes/new/", views.note_new, name="note-new"),
    path("cases/<uuid:pk>/follow-ups/new/", views.followup_new, name="followup-new"),
    path("cases/<uuid:pk>/services/new/", views.service_new, name="service-new"),
    path("cases/<uuid:pk>/consents/new/", views.consent_new, name="consent-new"),
    path("cases/<uuid:pk>/referrals/new/", views.referral_new, name="referral-new"),
    path("cases/<uuid:pk>/emergency/new/", views.emergency_new, name="emergency-new"),
    path("cases/<uuid:pk>/history/", views.case_history, name="case-history"),
    path("cases/<uuid:pk>/export/", views.case_export, name="case-export"),
    path("follow-ups/<uuid:pk>/done/", views.followup_done, name="followup-done"),
    path("referrals/", views.referral_list, name="referral-list"),
    path("referrals/<uuid:pk>/", views.referral_detail, name="referral-detail"),
    path("referrals/<uuid:pk>/<slug:action>/", views.referral_action, name="referral-action"),
    path("emergency/", views.emergency_queue, name="emergency-queue"),
    path("emergency/requested/", views.emergency_list, name="emergency-list"),
    path("emergency/<uuid:pk>/", views.emergency_review, name="emergency-review"),
    path("statistics/", views.statistics, name="statistics"),
]

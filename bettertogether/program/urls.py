"""The program office under /<lang>/program/: the public program page at its root, the coordinators'
results and the sub-agreements below it. This app owns the whole path."""

from django.urls import path

from . import calls_views, calls_views_staff, views, views_agreements, views_monitoring, views_records, views_reports

app_name = "program"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("results/", views.results_page, name="results"),
    path("results.<str:fmt>", views.results_download, name="results-download"),
    path("results/denominator/", views.denominator, name="denominator"),
    path("agreements/", views_agreements.agreement_list, name="agreements"),
    path("agreements/new/", views_agreements.agreement_new, name="agreement-new"),
    path("agreements/<int:pk>/", views_agreements.agreement_detail, name="agreement"),
    path("agreements/<int:pk>/status/", views_agreements.agreement_status, name="agreement-status"),
    path("agreements/<int:pk>/amend/", views_agreements.agreement_amend, name="agreement-amend"),
    path("agreements/<int:pk>/visits/new/", views_monitoring.visit_new, name="visit-new"),
    path("visits/<int:pk>/", views_monitoring.visit_detail, name="visit"),
    path("visits/<int:pk>/actions/", views_monitoring.action_add, name="action-add"),
    path("actions/<int:pk>/status/", views_monitoring.action_status, name="action-status"),
    path("actions/overdue/", views_monitoring.overdue, name="overdue"),
    path("agreements/<int:pk>/reports/new/", views_reports.report_schedule, name="report-schedule"),
    path("reports/<int:pk>/", views_reports.report_detail, name="report"),
    path("reports/<int:pk>/save/", views_reports.report_save, name="report-save"),
    path("reports/<int:pk>/submit/", views_reports.report_submit, name="report-submit"),
    path("reports/<int:pk>/review/", views_reports.report_review, name="report-review"),
    path("milestones/", views_agreements.milestone_list, name="milestones"),
    path("milestones/<int:pk>/status/", views_agreements.milestone_status, name="milestone-status"),
    # The records kept beside the agreements (views_records.py).
    path("agreements/<int:pk>/documents/", views_records.document_upload, name="document-upload"),
    path("documents/<int:pk>/", views_records.document_download, name="document"),
    path("documents/<int:pk>/delete/", views_records.document_delete, name="document-delete"),
    path("knowledge/", views_records.knowledge, name="knowledge"),
    path("evaluations/new/", views_records.evaluation_edit, name="evaluation-new"),
    path("evaluations/<int:pk>/", views_records.evaluation_detail, name="evaluation"),
    path("evaluations/<int:pk>/edit/", views_records.evaluation_edit, name="evaluation-edit"),
    path("advocacy/", views_records.advocacy_list, name="advocacy"),
    path("advocacy/new/", views_records.advocacy_edit, name="advocacy-new"),
    path("advocacy/<int:pk>/edit/", views_records.advocacy_edit, name="advocacy-edit"),
    # Calls for proposals (calls_views: public and applicant; calls_views_staff: coordinators, reviewers).
    path("calls/", calls_views.call_list, name="calls"),
    path("calls/office/", calls_views_staff.office, name="calls-office"),
    path("calls/new/", calls_views_staff.call_new, name="call-new"),
    path("calls/applications/<int:pk>/", calls_views.application_detail, name="application"),
    path("calls/applications/<int:pk>/save/", calls_views.application_save, name="application-save"),
    path("calls/applications/<int:pk>/attach/", calls_views.application_attach, name="application-attach"),
    path("calls/applications/<int:pk>/submit/", calls_views.application_submit, name="application-submit"),
    path("calls/applications/<int:pk>/screen/", calls_views_staff.application_screen, name="application-screen"),
    path("calls/applications/<int:pk>/review/", calls_views_staff.application_review, name="application-review"),
    path("calls/applications/<int:pk>/conflict/", calls_views_staff.application_conflict, name="application-conflict"),
    path("calls/applications/<int:pk>/decide/", calls_views_staff.application_decide, name="application-decide"),
    path(
        "calls/applications/<int:pk>/agreement/",
        calls_views_staff.application_agreement,
        name="application-agreement",
    ),
    path("calls/attachments/<int:pk>/", calls_views.attachment_download, name="attachment"),
    path("calls/attachments/<int:pk>/remove/", calls_views.attachment_remove, name="attachment-remove"),
    path("calls/<slug:slug>/", calls_views.call_detail, name="call"),
    path("calls/<slug:slug>/apply/", calls_views.call_apply, name="call-apply"),
    path("calls/<slug:slug>/status/", calls_views_staff.call_status, name="call-status"),
    path("calls/<slug:slug>/reviewers/", calls_views_staff.call_reviewers, name="call-reviewers"),
    path("calls/<slug:slug>/applications/", calls_views_staff.call_applications, name="call-applications"),
    path("calls/<slug:slug>/ranking/", calls_views_staff.call_ranking, name="call-ranking"),
]

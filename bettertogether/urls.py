from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView

from bettertogether.core import auth_views, health
from bettertogether.outreach import urls as outreach_urls

urlpatterns = [
    path("admin/", admin.site.urls),
    path("healthz", health.healthz, name="healthz"),
    path("api/map/", include("bettertogether.directory.map_urls")),
    path("api/map/", include("bettertogether.positions.api_urls")),
    path("api/map/", include("bettertogether.core.map_urls")),
    path("api/hsds/", include("bettertogether.directory.api.urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("", include((outreach_urls.feed_urlpatterns, "outreach_feeds"))),
]

urlpatterns += i18n_patterns(
    path("", include("bettertogether.site.urls")),
    path("program/", include("bettertogether.program.urls")),
    path("services/", include("bettertogether.directory.urls")),
    path("positions/", include("bettertogether.positions.urls")),
    path("manage/", include("bettertogether.directory.manage_urls")),
    path("gaps/", include("bettertogether.gaps.urls")),
    path("support/", include("bettertogether.support.urls")),
    path("staff/", include("bettertogether.staff.urls")),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/password/reset/", auth_views.PasswordResetView.as_view(), name="password_reset"),
    path(
        "accounts/password/reset/sent/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "accounts/password/reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "accounts/password/reset/done/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("", include("bettertogether.outreach.urls")),
    prefix_default_language=True,
)

# Our own error pages (core/errors.py): 403 and 404 in the site's layout, 500 static (or 503 when the
# database is down).
handler403 = "bettertogether.core.errors.permission_denied"
handler404 = "bettertogether.core.errors.page_not_found"
handler500 = "bettertogether.core.errors.server_error"

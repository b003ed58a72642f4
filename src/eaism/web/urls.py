"""URL routes: pages under /o/<organisation>/, the JSON API under /api/."""

from django.contrib.auth import views as auth_views
from django.urls import path

from eaism.web.accounts import views as accounts
from eaism.web.api import api
from eaism.web.assessments import review_pages, round_pages
from eaism.web.assessments import views as assessments
from eaism.web.organisations import compliance_pages, job_ads, people_pages, team_pages
from eaism.web.organisations import views as organisations
from eaism.web.provisioning import pages as provisioning_pages
from eaism.web.provisioning import views as scim
from eaism.web.sso import settings_page as sso_settings
from eaism.web.sso import views as sso

urlpatterns = [
    path("", organisations.home, name="home"),
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(template_name="accounts/login.html"),
        name="login",
    ),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "accounts/password-reset/",
        auth_views.PasswordResetView.as_view(
            template_name="accounts/password_reset_page.html",
            email_template_name="accounts/password_reset_email.txt",
            subject_template_name="accounts/password_reset_subject.txt",
        ),
        name="password_reset",
    ),
    path(
        "accounts/password-reset/sent/",
        auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_page.html"),
        name="password_reset_done",
    ),
    path(
        "accounts/reset/<uidb64>/<token>/",
        accounts.PasswordResetConfirm.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "accounts/reset/done/",
        auth_views.PasswordResetCompleteView.as_view(
            template_name="accounts/password_reset_page.html"
        ),
        name="password_reset_complete",
    ),
    path("sso/callback/", sso.SignInCallback.as_view(), name="sso_callback"),
    path("sso/find/", sso.find, name="sso_find"),
    path("o/<slug:slug>/sign-in/", sso.SignInStart.as_view(), name="sso_start"),
    path("o/<slug:slug>/settings/sign-in/", sso_settings.sign_in_settings, name="sso_settings"),
    path("accounts/my-data/", accounts.my_data, name="my_data"),
    path("accounts/delete/", accounts.delete_account, name="delete_account"),
    path("accounts/tokens/", accounts.tokens, name="tokens"),
    path("accounts/tokens/<int:token_id>/revoke/", accounts.revoke, name="revoke_token"),
    path("o/<slug:slug>/", organisations.organisation, name="organisation"),
    path("o/<slug:slug>/dashboard/", organisations.dashboard, name="dashboard"),
    path(
        "o/<slug:slug>/downloads/<str:kind>",
        organisations.dashboard_download,
        name="dashboard_download",
    ),
    path("o/<slug:slug>/inventory/", organisations.inventory, name="inventory"),
    path("o/<slug:slug>/inventory/<str:system_id>/", organisations.system_edit, name="system_edit"),
    path(
        "o/<slug:slug>/inventory/<str:system_id>/people/",
        organisations.system_people,
        name="system_people",
    ),
    path("o/<slug:slug>/compliance/", compliance_pages.compliance, name="compliance"),
    path(
        "o/<slug:slug>/compliance/requirements/",
        compliance_pages.requirements,
        name="compliance_requirements",
    ),
    path("o/<slug:slug>/practices/", organisations.practices, name="practices"),
    path("o/<slug:slug>/settings/", organisations.settings_page, name="organisation_settings"),
    path("o/<slug:slug>/people/", people_pages.people, name="people"),
    path("o/<slug:slug>/people/<str:person_id>/", people_pages.person, name="person"),
    path("o/<slug:slug>/imports/undo/", people_pages.undo_import, name="undo_import"),
    path("o/<slug:slug>/teams/", team_pages.teams, name="teams"),
    path("o/<slug:slug>/job-ads/", job_ads.job_ads, name="job_ads"),
    path("o/<slug:slug>/teams/<int:team_id>/", team_pages.team, name="team"),
    path(
        "o/<slug:slug>/people/<str:person_id>/invite/",
        organisations.invite_person,
        name="invite_person",
    ),
    path(
        "o/<slug:slug>/members/<int:membership_id>/role/",
        people_pages.change_role,
        name="change_role",
    ),
    path("invite/<str:token>/", organisations.accept_invitation, name="accept_invitation"),
    path("o/<slug:slug>/audit/", organisations.audit_log, name="audit_log"),
    path("o/<slug:slug>/rounds/", round_pages.rounds, name="rounds"),
    path("o/<slug:slug>/rounds/<int:round_id>/", round_pages.round_detail, name="round_detail"),
    path("o/<slug:slug>/rounds/<int:round_id>/close/", round_pages.close, name="close_round"),
    path(
        "o/<slug:slug>/rounds/<int:round_id>/validity/", round_pages.validity, name="round_validity"
    ),
    path(
        "o/<slug:slug>/rounds/<int:round_id>/invitations/",
        round_pages.invitations,
        name="round_invitations",
    ),
    path(
        "o/<slug:slug>/rounds/<int:round_id>/reminders/",
        round_pages.reminders,
        name="round_reminders",
    ),
    path(
        "o/<slug:slug>/rounds/<int:round_id>/assess/",
        assessments.questionnaire,
        name="questionnaire",
    ),
    path("o/<slug:slug>/rounds/<int:round_id>/answers/", assessments.answer, name="answer"),
    path("o/<slug:slug>/rounds/<int:round_id>/carried/", assessments.carry, name="carry"),
    path("o/<slug:slug>/rounds/<int:round_id>/submit/", assessments.submit, name="submit"),
    path("o/<slug:slug>/rounds/<int:round_id>/reopen/", assessments.reopen, name="reopen"),
    path("o/<slug:slug>/rounds/<int:round_id>/results/", assessments.results, name="results"),
    path(
        "o/<slug:slug>/rounds/<int:round_id>/people/<str:person_id>/",
        assessments.person_results,
        name="person_results",
    ),
    path(
        "o/<slug:slug>/rounds/<int:round_id>/people/<str:person_id>/review/",
        review_pages.review,
        name="review",
    ),
    path(
        "o/<slug:slug>/rounds/<int:round_id>/reviews/",
        review_pages.queue,
        name="review_queue",
    ),
    path("o/<slug:slug>/reviews/", review_pages.latest_queue, name="reviews"),
    path(
        "o/<slug:slug>/rounds/<int:round_id>/requests/<str:item_id>/",
        review_pages.reply,
        name="answer_request",
    ),
    path("api/", api.urls),
    path("o/<slug:slug>/settings/scim/", provisioning_pages.scim_tokens, name="scim_tokens"),
    path(
        "o/<slug:slug>/settings/scim/<int:token_id>/revoke/",
        provisioning_pages.revoke,
        name="revoke_scim_token",
    ),
    path("scim/v2/ServiceProviderConfig", scim.configuration_view),
    path("scim/v2/ResourceTypes", scim.resource_types_view),
    path("scim/v2/ResourceTypes/<str:key>", scim.resource_types_view),
    path("scim/v2/Schemas", scim.schemas_view),
    path("scim/v2/Schemas/<str:key>", scim.schemas_view),
    path("scim/v2/Users", scim.users_view),
    path("scim/v2/Users/<str:key>", scim.user_view),
    path("scim/v2/Groups", scim.groups_view),
    path("scim/v2/Groups/<str:key>", scim.group_view),
    path("scim/v2/.search", scim.search_view),
    path("scim/v2/<path:key>", scim.not_found_view),
]

# Error pages in the site's layout; see eaism.web.error_pages.
handler400 = "eaism.web.error_pages.bad_request"
handler403 = "eaism.web.error_pages.forbidden"
handler404 = "eaism.web.error_pages.not_found"
handler500 = "eaism.web.error_pages.server_error"

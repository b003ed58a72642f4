"""Downloads from the dashboard and the results page: right content, privacy kept, audited."""

from __future__ import annotations

import io
from collections.abc import Callable

from django.test import Client
from openpyxl import load_workbook
from pypdf import PdfReader

from eaism.web.assessments.models import Round
from eaism.web.audit.models import AuditEvent
from eaism.web.organisations.models import Organisation
from tests.web.test_questionnaire import answer


def test_the_dashboard_report_downloads_as_pdf_html_and_xlsx(
    client_for: Callable[[str], Client], demo: Organisation
) -> None:
    analyst = client_for("analyst")
    pdf = analyst.get(f"/o/{demo.slug}/downloads/report.pdf")
    assert pdf["Content-Type"] == "application/pdf"
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "Executive summary" in text
    html = analyst.get(f"/o/{demo.slug}/downloads/report.html")
    assert b"Level 3 bottleneck" in html.content
    workbook = load_workbook(
        io.BytesIO(analyst.get(f"/o/{demo.slug}/downloads/report.xlsx").content)
    )
    assert "Diagnostics" in workbook.sheetnames
    assert AuditEvent.objects.filter(action="export_downloaded").count() == 3


def test_the_manager_of_a_small_team_gets_no_report(
    client_for: Callable[[str], Client], demo: Organisation
) -> None:
    assert client_for("manager").get(f"/o/{demo.slug}/downloads/report.pdf").status_code == 403


def test_raw_exports_are_for_admins_only(
    client_for: Callable[[str], Client], demo: Organisation, demo_round: Round
) -> None:
    member = client_for("member")
    answer(member, demo_round, "prompting.l1.everyday_prompting", "1")
    csv = client_for("owner").get(f"/o/{demo.slug}/downloads/answers.csv?round={demo_round.id}")
    assert csv.status_code == 200
    assert b"p-member,self,prompting.l1.everyday_prompting,1.0" in csv.content
    assert client_for("analyst").get(f"/o/{demo.slug}/downloads/answers.csv").status_code == 403


def test_the_personal_report_downloads_as_pdf(
    client_for: Callable[[str], Client], demo_round: Round
) -> None:
    member = client_for("member")
    answer(member, demo_round, "prompting.l1.everyday_prompting", "1")
    response = member.get(
        f"/o/{demo_round.organisation.slug}/rounds/{demo_round.id}/results/?format=pdf"
    )
    assert response["Content-Type"] == "application/pdf"
    assert "EAISM profile" in PdfReader(io.BytesIO(response.content)).pages[0].extract_text()

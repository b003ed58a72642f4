"""How the job-ad check reads employers' words: forms, senses, specialists, myths and edits."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eaism.model.loader import load_edition
from eaism.planning.job_ad_reading import Sentences, cell_of, find_matches
from eaism.planning.job_description import JobDescriptionCheck, check_job_description

EDITION = load_edition()
RULES = EDITION.job_descriptions


def check(text: str, title: str = "AI Engineer") -> JobDescriptionCheck:
    return check_job_description(EDITION, text, title=title)


def cells(text: str, title_is_ai: bool = False) -> set[tuple[str, int]]:
    return {
        (match.domain, match.level)
        for match in find_matches(EDITION, Sentences(text), title_is_ai=title_is_ai)
    }


@pytest.mark.parametrize(
    ("written", "cell"),
    [
        ("Build RAG for our support team.", ("rag_retrieval", 2)),
        ("Build retrieval-augmented generation over our manuals.", ("rag_retrieval", 2)),
        ("Own MLOps for forty models.", ("governance", 3)),
        ("Deployed models to production every week.", ("strategy", 3)),
        ("Prompt optimization against our evals.", ("prompting", 3)),
        ("Prompt optimisation against our evals.", ("prompting", 3)),
        ("Finetuning open models for extraction.", ("apis_integration", 2)),
        ("Fine tuning open models for extraction.", ("apis_integration", 2)),
        ("Design model registries for the AI platform.", ("governance", 4)),
        ("Threat modeling for LLM features.", ("security", 4)),
        ("Threat modelling for LLM features.", ("security", 4)),
        ("Set the enterprise-wide AI strategy.", ("strategy", 5)),
        ("Tie AI investment to return on investment.", ("observability", 5)),
    ],
)
def test_the_forms_employers_write_are_read(written: str, cell: tuple[str, int]) -> None:
    assert cell in cells(written)


@pytest.mark.parametrize(
    "text", ["We drag and drop widgets in HTML.", "Storage for the photos.", "Ramlogging."]
)
def test_phrases_match_whole_words_only(text: str) -> None:
    assert cells(text) == set()


def test_everyday_words_count_only_where_the_ad_is_about_ai() -> None:
    payments = "Own monitoring, alerting, logging and automated rollback of payment services."
    assert cells(payments) == set()
    assert cells(payments, title_is_ai=True) >= {("observability", 3), ("governance", 3)}
    models = "Own monitoring and automated rollback of our pricing models."
    assert {("observability", 3), ("governance", 3)} <= cells(models)


def test_a_phrase_that_names_no_ai_needs_ai_nearby_and_a_term_of_art_does_not() -> None:
    assert cells("Build latency dashboards and retry logic for the checkout.") == set()
    assert cells("Improve chunking and reranking for the help centre.") == {("rag_retrieval", 3)}
    assert cells("Roll out AI-powered tools to the sales team.") == {("apis_integration", 1)}
    # "AI" inside a hyphenated word names AI too, for the rest of the sentence.
    assert ("observability", 3) in cells("Build latency dashboards for our AI-powered search.")


def test_customer_agents_and_prompt_replies_are_not_ai() -> None:
    assert cells("Coach our support agents to reply promptly and monitor their queues.") == set()


def test_a_phrase_counts_only_in_its_sense() -> None:
    people = "Lead organisational change management so that teams adopt the new AI tools."
    assert ("governance", 3) not in cells(people)
    models = "Run change management for every model release."
    assert ("governance", 3) in cells(models)
    abuse = "Add rate limits to stop abuse of our LLM endpoint."
    assert ("security", 3) in cells(abuse)
    assert ("apis_integration", 3) not in cells(abuse)
    quota = "Handle rate limits of the model provider with queues."
    assert ("apis_integration", 3) in cells(quota)
    blurb = "Our AI software gives clinics a competitive advantage."
    assert ("strategy", 5) not in cells(blurb)
    strategy = "Shape how AI and our data build a competitive advantage."
    assert ("strategy", 5) in cells(strategy)


def test_using_a_model_registry_is_level_3_and_designing_one_for_every_team_level_4() -> None:
    assert ("governance", 3) in cells("Register each model in the model registry.")
    assert ("governance", 4) not in cells("Register each model in the model registry.")
    assert ("governance", 4) in cells("Design the shared model registry for every team.")


def test_a_specialist_of_one_domain_is_read_at_that_domains_level() -> None:
    governance = (
        "- Design our AI governance framework.\n"
        "- Run model risk management for every AI system.\n"
        "- Keep the AI inventory and the risk classification of each system.\n"
    )
    reading = check(governance, title="Head of AI Governance")
    assert reading.domains == {"governance": 4}
    assert reading.level == 4
    stray = "- Design our AI governance framework.\n- Use AI tools every day.\n"
    assert check(stray).level == 1  # one phrase of one domain says little


def test_ai_skills_asked_in_two_sentences_are_level_1_and_one_passing_mention_is_not() -> None:
    two = "- Use ChatGPT to draft emails.\n- Summarise reports with AI assistants.\n"
    assert check(two, title="Office Manager").level == 1
    passing = "Like most teams here, we use GitHub Copilot and a built-in AI feature.\n"
    reading = check(passing, title="Site Reliability Engineer")
    assert reading.matches != ()
    assert reading.level == 0
    assert check("We sell bicycles.", title="Shop Assistant").level == 0


def test_two_domains_in_one_sentence_are_one_place_not_enough_for_a_level() -> None:
    one = "- Build evaluation pipelines and RAG architecture.\n- Use ChatGPT daily.\n"
    assert check(one).level == 1
    two = "- Build evaluation pipelines.\n- Improve the RAG architecture.\n"
    assert check(two).level == 3


def codes(reading: JobDescriptionCheck) -> set[str]:
    return {flag.code for flag in reading.flags}


def test_the_chatbot_myth_needs_the_belief_not_the_word() -> None:
    product = "- Build our customer chatbot product with LLM APIs and function calling.\n"
    assert "MYTH_CHATBOT_EQUALS_MATURITY" not in codes(check(product))
    proof = product + "- Our chatbots prove that we are leaders in AI.\n"
    reading = check(proof)
    assert "MYTH_CHATBOT_EQUALS_MATURITY" in codes(reading)
    flag = next(flag for flag in reading.flags if flag.code == "MYTH_CHATBOT_EQUALS_MATURITY")
    assert "Our chatbots prove that we are leaders in AI" in flag.message


def test_the_platform_myth_is_raised_and_its_sentence_asks_for_nothing() -> None:
    belief = (
        "We moved to Azure OpenAI, so our AI is production-ready out of the box.\n\n"
        "- Build assistants with function calling and LLM APIs.\n"
    )
    reading = check(belief)
    assert "MYTH_PLATFORM_EQUALS_PRODUCTION" in codes(reading)
    assert "strategy" not in reading.domains  # "production-ready" there is the belief
    plain = "- Build assistants on Azure OpenAI with function calling.\n"
    assert "MYTH_PLATFORM_EQUALS_PRODUCTION" not in codes(check(plain))


def test_the_platform_myth_is_not_raised_where_the_ad_asks_for_level_3_work() -> None:
    text = (
        "Our platform is production-ready out of the box.\n\n"
        "- Build evaluation pipelines and regression testing for every release.\n"
        "- Add tracing, latency dashboards and cost monitoring.\n"
    )
    reading = check(text)
    assert reading.level == 3
    assert "MYTH_PLATFORM_EQUALS_PRODUCTION" not in codes(reading)


def test_the_prompt_engineer_myth_is_read_from_the_title_or_a_career_claim() -> None:
    assert "MYTH_PROMPT_ENGINEER_ROLE" in codes(check("Write prompts.", "Prompt Engineer"))
    career = "Prompt engineering is the career of the future.\n"
    assert "MYTH_PROMPT_ENGINEER_ROLE" in codes(check(career, "Content Writer"))
    analyst = "Use AI assistants and prompt engineering to speed up your reports.\n"
    assert "MYTH_PROMPT_ENGINEER_ROLE" not in codes(check(analyst, "Business Analyst"))


def test_text_in_another_script_says_so() -> None:
    russian = "\u0418\u043d\u0436\u0435\u043d\u0435\u0440 " * 20  # "Engineer", in Cyrillic
    reading = check(russian, russian.split()[0])
    assert reading.level == 0
    assert not reading.matches
    assert codes(reading) == {"TEXT_NOT_IN_ENGLISH"}


def test_every_vocabulary_phrase_counts_for_its_cell_in_a_plain_ai_sentence() -> None:
    # Keeps the data sound: no phrase is shadowed by a longer one that reads it elsewhere.
    conditional = {sense.phrase for sense in RULES.senses if sense.near}
    listed = [(terms.cell, phrase) for terms in RULES.terms for phrase in terms.phrases]
    listed += [
        (f"{domain.id}.{cell.level}", keyword)
        for domain in EDITION.domains
        for cell in domain.cells
        for keyword in cell.keywords
    ]
    unread = []
    for cell, phrase in listed:
        if phrase in conditional:
            continue
        written = phrase.replace("*", "")
        found = cells(f"We need {written} for our AI models.", title_is_ai=True)
        domain, level = cell_of(cell)
        if not any(seen == domain and at >= level for seen, at in found):
            unread.append((cell, phrase))
    assert unread == []


SKILL_LINES = st.lists(
    st.sampled_from(
        [
            "Call LLM APIs with function calling.",
            "Build evaluation pipelines.",
            "Add tracing and cost monitoring.",
            "Design RAG architecture with reranking.",
            "Harden prompts against prompt injection.",
            "Design the AI governance framework.",
            "Set the platform strategy.",
            "Use ChatGPT for drafts.",
            "Shape business model reinvention.",
            "We sell bicycles.",
        ]
    ),
    max_size=8,
)


@given(SKILL_LINES, SKILL_LINES)
@settings(max_examples=60, deadline=None)
def test_more_requirements_never_lower_what_an_ad_asks_for(
    first: list[str], more: list[str]
) -> None:
    before = check("\n".join(f"- {line}" for line in first))
    after = check("\n".join(f"- {line}" for line in first + more))
    assert after.level >= before.level
    assert all(after.domains.get(domain, 0) >= level for domain, level in before.domains.items())


@given(SKILL_LINES, st.sampled_from([1, 2, 3, 4, 5]))
@settings(max_examples=60, deadline=None)
def test_the_suggested_edits_bring_the_ad_to_the_claimed_level(
    lines: list[str], claimed: int
) -> None:
    title = {1: "Prompt Engineer", 2: "AI Engineer", 3: "AI Systems Engineer"}.get(
        claimed, {4: "AI Architect", 5: "Chief AI Officer"}.get(claimed, "")
    )
    text = "\n".join(f"- {line}" for line in lines)
    reading = check(text, title)
    assert reading.title_level == claimed
    added = [edit.phrase for edit in reading.suggestions if edit.action == "add"]
    dropped = [edit.phrase for edit in reading.suggestions if edit.action == "drop"]
    assert not (added and dropped)
    edited = text
    for phrase in dropped:
        edited = "\n".join(line for line in edited.splitlines() if phrase not in line)
    edited += "".join(f"\n- Experience with {phrase}." for phrase in added)
    after = check(edited, title)
    if added:
        assert after.level >= claimed
    if dropped:
        assert after.level <= claimed
    if reading.level == claimed:
        assert reading.suggestions == ()

"""Web-chrome detection: what is chrome, and (just as important) what is not."""

from __future__ import annotations

import pytest

from esgtext.boilerplate import boilerplate_reason, find_boilerplate


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("Sign into your account", "login"),
        ("Log in", "login"),
        ("Join Free", "login"),
        ("Member ID or Email", "login"),
        ("Forgot your password?", "login"),
        ("Se connecter", "login"),
        ("登录", "login"),
        ("Home > News > Press releases", "navigation"),
        ("Accueil » Actualités", "navigation"),
        ("Back to top", "navigation"),
        ("Share on LinkedIn", "share"),
        ("Follow us on X", "share"),
        ("Accept all cookies", "cookies"),
        ("We use cookies to improve your experience.", "cookies"),
        ("© 2024 Example Group. All rights reserved.", "footer"),
        ("Privacy policy", "footer"),
        ("Tags: ESG, green bonds", "tags"),
        ("Topics Energy & Utilities)", "tags"),
        ("【About Links】", "usage-terms"),
        ("Share to: WeChat Weibo LinkedIn", "share"),
        ("Share: Facebook, X", "share"),
        ("Previous: Member Case Study: Recycling Magnets in Motors", "navigation"),
        ("Contact Us | Privacy Policy | Sitemap", "footer"),
    ],
)
def test_chrome_is_recognised(text, reason):
    assert boilerplate_reason(text) == reason


@pytest.mark.parametrize(
    "text",
    [
        "Members can sign in to the portal to read the full sustainability report.",
        "The company signed into law a new policy on emissions.",
        "Categories of emissions are defined by the GHG Protocol.",
        "Home energy use fell by 12% in 2023 across the group's markets.",
        "The report, which is free to join for all suppliers, sets targets for 2030.",
        "La société a publié son rapport annuel sur le climat.",
        "公司二〇二三年的碳排放量下降了百分之十二。",
        "Publish Time: 2024-03-01 Source: 国家能源局",
        "Share: 40% of revenue came from Europe.",
        "Next year the company will build two plants.",
        "Previous results: revenue rose 4% to 2.1 billion euros.",
        "The plan covers water, energy | waste.",
        "Join us in building a greener future for the communities where we operate and invest.",
        "",
    ],
)
def test_content_is_not_chrome(text):
    assert boilerplate_reason(text) is None


def test_usage_terms_section_runs_until_real_content():
    segments = [
        "The plant will supply 20,000 homes.",
        "【About Using Articles】",
        "You may quote the title with a link to this page.",
        "※ Images cannot be used.",
        "Our next report, due in March, will cover the water use of all the group's sites in "
        "detail, together with the targets for 2030 that the board approved in its meeting of "
        "January and the investment plan that supports them across the company's five regions.",
    ]
    assert find_boilerplate(segments) == [None, "usage-terms", "usage-terms", "usage-terms", None]


@pytest.mark.shared
@pytest.mark.parametrize(("seed", "expected"), [("002", "【About Using Articles】"), ("004", "Join Free")])
def test_chrome_in_the_real_seeds_is_found_and_content_is_kept(shared_dir, seed, expected):
    path = next((shared_dir / "seeds").glob(f"{seed}_*.txt"))
    lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    reasons = find_boilerplate(lines)
    flagged = [line for line, r in zip(lines, reasons) if r]
    assert expected in flagged
    # chrome is a few lines, never the article
    assert 2 <= len(flagged) <= 8
    assert all(len(line.split()) <= 40 for line in flagged)

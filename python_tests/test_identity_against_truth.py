"""Identity resolution and the customer marts against the generator's truth (issue 3).

The truth's identity map says which real company every raw record belongs to. A customer
id is an account id or a Stripe customer id, so it maps to its company the same way."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime, time, timedelta

RECORD_TYPES = """
    create or replace temp view truth_records as
    select
        case system || '/' || object
            when 'salesforce/account' then 'crm_account'
            when 'salesforce/contact' then 'crm_contact'
            when 'salesforce/lead' then 'crm_lead'
            when 'salesforce/opportunity' then 'crm_opportunity'
            when 'stripe/customer' then 'billing_customer'
            when 'segment/anonymous_id' then 'web_visitor'
        end as record_type,
        raw_id as record_id,
        company_id
    from truth.identity_map;

    create or replace temp view customer_companies as
    select record_id as customer_id, company_id
    from truth_records
    where record_type in ('crm_account', 'billing_customer');
"""

# Every truth record that exists in the raw data in a form identity resolution can see
# (web visitors only once they identify), with the customer the model joined it to.
SCORED = """
    create or replace temp view scored as
    select
        truth_records.record_type,
        truth_records.record_id,
        truth_records.company_id as true_company_id,
        links.customer_id,
        coalesce(links.match_method, 'missing') as match_method,
        customer_companies.company_id as predicted_company_id,
        truth_records.company_id in (
            select company_id from customer_companies
        ) as company_is_a_customer
    from truth_records
    left join intermediate.int_identity_links as links
        on truth_records.record_type = links.record_type
        and truth_records.record_id = links.record_id
    left join customer_companies
        on links.customer_id = customer_companies.customer_id
    where truth_records.record_type != 'web_visitor'
        or truth_records.record_id in (select anonymous_id from raw.segment.identifies)
"""


def test_identity_precision_and_recall(wh):
    """Precision: of the records joined to a customer, the share joined to their own
    company (1.0 for every rule-based method). Recall: of the records whose company is a
    customer in the warehouse (has a live account or Stripe customer), the share joined
    to it. Records of companies that are not customers must stay unresolved."""
    wh.execute(RECORD_TYPES)
    wh.execute(SCORED)
    by_method = wh.execute(
        """
        select match_method, count(*) as links,
               count(*) filter (where predicted_company_id = true_company_id) as correct
        from scored where customer_id is not null group by 1 order by 1
        """
    ).fetchall()
    print("\nmethod               links  correct  precision")
    for method, links, correct in by_method:
        print(f"{method:<20} {links:>5}  {correct:>7}  {correct / links:.4f}")
    methods = {method for method, _, _ in by_method}
    assert {"explicit_id", "exact_email", "business_domain", "fuzzy_company_name"} <= methods
    for method, links, correct in by_method:
        if method != "fuzzy_company_name":
            assert correct == links, f"{method}: {links - correct} wrong links"
    fuzzy = [
        (links, correct) for method, links, correct in by_method if method == "fuzzy_company_name"
    ]
    assert fuzzy[0][1] / fuzzy[0][0] >= 0.95

    expected, found = wh.execute(
        """
        select count(*), count(*) filter (where predicted_company_id = true_company_id)
        from scored where company_is_a_customer
        """
    ).fetchone()
    print(f"recall: {found}/{expected} = {found / expected:.4f}")
    assert expected > 1000
    assert found / expected >= 0.98
    stray = wh.execute(
        "select count(*) from scored where not company_is_a_customer and customer_id is not null"
    ).fetchone()[0]
    print(f"records of non-customers joined to a customer: {stray}")
    assert stray == 0


def test_duplicates_merge(wh):
    """The generator's duplicate accounts merge into the company's first account, and
    people who appear as a lead and a contact with differently cased emails are one."""
    wh.execute(RECORD_TYPES)
    merged, wrong = wh.execute(
        """
        select count(*), count(*) filter (where anchor.company_id != dup.company_id)
        from intermediate.int_identity_accounts_merged as accounts
        inner join truth_records as dup
            on dup.record_type = 'crm_account' and accounts.account_id = dup.record_id
        inner join customer_companies as anchor
            on accounts.customer_id = anchor.customer_id
        where accounts.match_method = 'business_domain'
        """
    ).fetchone()
    print(f"\nduplicate accounts merged: {merged}, into the wrong company: {wrong}")
    assert merged > 0
    assert wrong == 0
    companies_per_customer = wh.execute(
        """
        select max(n) from (
            select customers.customer_id, count(distinct anchor.company_id) as n
            from marts.dim_customers as customers
            inner join customer_companies as anchor using (customer_id)
            group by 1
        )
        """
    ).fetchone()[0]
    assert companies_per_customer == 1


def test_every_paying_customer_appears_once_in_dim_customers(wh):
    wh.execute(RECORD_TYPES)
    paying, present, duplicated = wh.execute(
        """
        with dim as (
            select anchor.company_id, count(*) as n
            from marts.dim_customers
            inner join customer_companies as anchor using (customer_id)
            group by 1
        )
        select count(*), count(dim.company_id), count(*) filter (where dim.n > 1)
        from truth.companies left join dim using (company_id)
        where companies.is_customer
        """
    ).fetchone()
    print(
        f"\npaying companies: {paying}, in dim_customers: {present}, more than once: {duplicated}"
    )
    assert paying > 100
    assert present == paying
    assert duplicated == 0


def test_dim_customers_lifecycle_matches_truth(wh):
    """Lifecycle dates and acquisition channel equal the simulated ones for every
    customer; the segment equals the truth wherever a record carries employees."""
    wh.execute(RECORD_TYPES)
    columns = ["acquisition_channel", "first_touch_at", "lead_created_at", "first_won_at"]
    columns += ["first_paid_at"]
    checks = ", ".join(
        f"count(*) filter (where dim.{c} is distinct from truth.{c}) as {c}" for c in columns
    )
    row = wh.execute(
        f"""
        select count(*), {checks},
               count(*) filter (where dim.segment != 'Unknown' and dim.segment != truth.segment),
               count(*) filter (where dim.segment = 'Unknown')
        from marts.dim_customers as dim
        inner join customer_companies as anchor using (customer_id)
        inner join truth.companies as truth using (company_id)
        """
    ).fetchone()
    compared, *mismatches, wrong_segment, unknown_segment = row
    print(f"\n{compared} customers compared; mismatches:")
    for column, n in zip(columns, mismatches, strict=True):
        print(f"  {column:<20} {n}")
    print(f"  segment (known)      {wrong_segment}  ('Unknown': {unknown_segment})")
    assert compared > 200
    assert mismatches == [0] * len(columns)
    assert wrong_segment == 0


def test_fct_opportunities_matches_truth(wh):
    """Status, customer, segment (where the CRM records employees), owner, cycle days of
    won deals, amount of closed deals in USD to the cent, reopened flag and close time."""
    wh.execute(RECORD_TYPES)
    compared, *mismatches = wh.execute(
        """
        select count(*),
            count(*) filter (where opp.status != truth.status),
            count(*) filter (where anchor.company_id is distinct from truth.company_id),
            count(*) filter (where opp.segment != 'Unknown' and opp.segment != truth.segment),
            count(*) filter (where opp.owner_user_id != truth.owner_id),
            count(*) filter (where opp.status = 'won'
                and opp.sales_cycle_days != truth.sales_cycle_days),
            count(*) filter (where opp.status != 'open'
                and abs(opp.amount - round(truth.amount_usd, 2)) > 0.01),
            count(*) filter (where opp.was_reopened != truth.was_reopened),
            count(*) filter (where opp.closed_at is distinct from truth.closed_at)
        from marts.fct_opportunities as opp
        inner join truth.opportunities as truth using (opportunity_id)
        left join customer_companies as anchor using (customer_id)
        """
    ).fetchone()
    total = wh.execute("select count(*) from truth.opportunities").fetchone()[0]
    print(f"\n{compared}/{total} opportunities compared; mismatches {mismatches}")
    assert compared == total > 50
    assert mismatches == [0] * 8


def test_every_won_opportunity_is_in_the_journey(wh):
    missing = wh.execute(
        """
        select truth.opportunity_id from truth.opportunities as truth
        left join marts.fct_customer_journey as journey
            on journey.event_type = 'opportunity_won'
            and journey.opportunity_id = truth.opportunity_id
            and journey.event_at = truth.closed_at
        where truth.status = 'won' and journey.opportunity_id is null
        """
    ).fetchall()
    won = wh.execute("select count(*) from truth.opportunities where status = 'won'").fetchone()
    print(f"\nwon opportunities: {won[0]}, missing from the journey: {len(missing)}")
    assert won[0] > 20
    assert missing == []


RANK = {
    "first_touch": 1,
    "marketing_touch": 2,
    "lead_created": 3,
    "mql": 4,
    "sql": 5,
    "opportunity_created": 6,
    "opportunity_lost": 7,
    "opportunity_won": 8,
    "expansion": 11,
    "contraction": 11,
    "churn": 11,
    "reactivation": 11,
}


def true_journeys(wh) -> dict[str, list[tuple[datetime, str]]]:
    """Each company's events as the simulation recorded them, in the contract's order."""
    events: dict[str, list[tuple[datetime, str]]] = defaultdict(list)
    touches = wh.execute(
        "select company_id, touched_at from truth.touches where is_tied_to_person "
        "order by company_id, touched_at"
    ).fetchall()
    seen = set()
    for company_id, at in touches:
        events[company_id].append((at, "marketing_touch" if company_id in seen else "first_touch"))
        seen.add(company_id)
    for company_id, created, mql, sql in wh.execute(
        "select company_id, created_at, mql_at, sql_at from truth.leads"
    ).fetchall():
        events[company_id].append((created, "lead_created"))
        if mql:
            events[company_id].append((mql, "mql"))
        if sql:
            events[company_id].append((sql, "sql"))
    for company_id, created, closed, status in wh.execute(
        "select company_id, created_at, closed_at, status from truth.opportunities"
    ).fetchall():
        events[company_id].append((created, "opportunity_created"))
        if status != "open":
            events[company_id].append((closed, f"opportunity_{status}"))
    as_of = date.fromisoformat(
        wh.execute("select value from truth.meta where key = 'as_of_date'").fetchone()[0]
    )
    history: dict[str, list[tuple[date, float]]] = defaultdict(list)
    for company_id, month, mrr in wh.execute(
        "select company_id, date_month, round(mrr, 2) from truth.mrr_monthly order by 1, 2"
    ).fetchall():
        history[company_id].append((month, mrr))
    for company_id, months in history.items():
        previous, ever = 0.0, False
        for month, mrr in months:
            next_month = date(month.year + month.month // 12, month.month % 12 + 1, 1)
            measured = datetime.combine(
                min(next_month - timedelta(days=1), as_of), time(23, 59, 59)
            )
            movement = None
            if mrr > 0 and previous == 0 and ever:
                movement = "reactivation"
            elif mrr == 0 and previous > 0:
                movement = "churn"
            elif mrr > 0 and previous > 0 and mrr != previous:
                movement = "expansion" if mrr > previous else "contraction"
            if movement:
                events[company_id].append((measured, movement))
            ever = ever or mrr > 0
            previous = mrr
    return {c: sorted(e, key=lambda event: (event[0], RANK[event[1]])) for c, e in events.items()}


def test_journey_order_matches_the_simulation(wh):
    """Every customer's journey, restricted to the events the simulation records (all
    but trials and subscription starts), has the same events at the same times in the
    same order as the simulation."""
    wh.execute(RECORD_TYPES)
    truth = true_journeys(wh)
    model: dict[str, list[tuple[datetime, str]]] = defaultdict(list)
    for company_id, at, event_type in wh.execute(
        f"""
        select anchor.company_id, journey.event_at, journey.event_type
        from marts.fct_customer_journey as journey
        inner join customer_companies as anchor using (customer_id)
        where journey.event_type in ({", ".join(f"'{t}'" for t in RANK)})
        order by anchor.company_id, journey.event_sequence
        """
    ).fetchall():
        model[company_id].append((at, event_type))
    customers = {
        row[0]
        for row in wh.execute(
            "select anchor.company_id from marts.dim_customers "
            "inner join customer_companies as anchor using (customer_id)"
        ).fetchall()
    }
    different = [c for c in sorted(customers) if model.get(c, []) != truth.get(c, [])]
    events = sum(len(model.get(c, [])) for c in customers)
    print(
        f"\n{len(customers)} customer journeys, {events} events; journeys that differ: {len(different)}"
    )
    for company_id in different[:3]:
        print(company_id, "\n  model:", model.get(company_id), "\n  truth:", truth.get(company_id))
    assert events > 1000
    assert different == []
    before_identify = wh.execute(
        """
        select count(*) from marts.fct_customer_journey as journey
        inner join intermediate.int_marketing_touches as touches
            on journey.journey_event_id = journey.event_type || ':' || touches.touch_id
        inner join intermediate.int_identity_visitors_resolved as visitors
            on touches.anonymous_id = visitors.anonymous_id
        where touches.touched_at < visitors.identified_at
        """
    ).fetchone()[0]
    print(f"touches made before the visitor identified: {before_identify}")
    assert before_identify > 0

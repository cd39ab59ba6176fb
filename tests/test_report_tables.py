"""Report tables keep values on one line and let prose wrap (site_config.report_tables)."""

from site_config.report_tables import is_value, keep_values_whole


def test_dates_ids_owners_and_counts_are_values_and_prose_is_not():
    for text in ("2026-12-03", "PM-2026-008", "@support-eng/mateo", "4 of 6", "14 d", "–"):
        assert is_value(text), text
    for text in ("Search missed 8% of the catalogue for 3 hours", "Enforce percent_off ≤ 15 in pricing-api",
                 "a-very-long-service-name-without-spaces"):
        assert not is_value(text), text


def test_short_cells_and_links_are_marked_and_the_rest_is_left_as_it_was():
    page = ('<table><tr><td align="right">356</td><td><a href="../incidents/x/">PM-2025-003</a></td>'
            '<td>Alert <code>PricingAgentDiscountHigh</code>: page #pricing-oncall when it rises</td></tr></table>'
            '<p>appears in (<a href="../incidents/x/">PM-2025-003</a>, <a href="y/">a link whose text is a sentence</a>)</p>')
    marked = keep_values_whole(page)
    assert '<td align="right" class="pm-nowrap">356</td>' in marked
    assert '<td class="pm-nowrap"><a href="../incidents/x/" class="pm-nowrap">PM-2025-003</a></td>' in marked
    assert "<td>Alert <code>PricingAgentDiscountHigh</code>: page #pricing-oncall when it rises</td>" in marked
    assert '(<a href="../incidents/x/" class="pm-nowrap">PM-2025-003</a>' in marked
    assert '<a href="y/">a link whose text is a sentence</a>' in marked
    assert keep_values_whole(marked) == marked  # a cell that has a class keeps it

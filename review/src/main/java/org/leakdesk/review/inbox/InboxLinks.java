package org.leakdesk.review.inbox;

import java.time.LocalDate;
import org.jspecify.annotations.Nullable;
import org.leakdesk.workflow.InboxSort;
import org.leakdesk.workflow.InboxTab;
import org.leakdesk.workflow.TaskKind;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Links within the inbox that keep the chosen tab, filters and order; values left at their
 * default stay out of the address.
 */
public record InboxLinks(
        InboxTab tab,
        @Nullable TaskKind stage,
        boolean findings,
        @Nullable LocalDate due,
        InboxSort sort) {

    /** The order a tab has unless one is chosen: deadline soonest first for cases waiting for verification. */
    public static InboxSort defaultSort(InboxTab tab) {
        return tab == InboxTab.WAITING ? InboxSort.DUE : InboxSort.OLDEST;
    }

    /** The first page of another tab, with the same filters (and the order, if one was chosen). */
    public String tab(InboxTab other) {
        boolean chosen = sort != defaultSort(tab);
        return link(other, chosen ? sort : defaultSort(other), 0);
    }

    /** Another page of this tab. */
    public String page(int page) {
        return link(tab, sort, page);
    }

    private String link(InboxTab onTab, InboxSort sort, int page) {
        UriComponentsBuilder uri = UriComponentsBuilder.fromPath("/inbox");
        if (onTab != InboxTab.ALL) {
            uri.queryParam("tab", onTab.name());
        }
        if (stage != null) {
            uri.queryParam("stage", stage.name());
        }
        if (findings) {
            uri.queryParam("findings", "true");
        }
        if (due != null) {
            uri.queryParam("due", due.toString());
        }
        if (sort != defaultSort(onTab)) {
            uri.queryParam("sort", sort.name());
        }
        if (page > 0) {
            uri.queryParam("page", page);
        }
        return uri.encode().build().toUriString();
    }
}

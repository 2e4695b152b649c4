package org.leakdesk.workflow;

import java.util.List;
import java.util.Map;

/**
 * One page of a member's inbox, oldest task first.
 *
 * @param tasks the tasks on this page (none on the {@link InboxTab#WAITING} tab)
 * @param page which page, from 0
 * @param pageSize how many tasks a page holds
 * @param total how many tasks the whole inbox (this tab, these filters) holds
 * @param counts how many tasks each tab holds with the same filters (empty when not asked)
 * @param waiting the cases on this page of the {@link InboxTab#WAITING} tab (empty on the others)
 */
public record InboxPage(
        List<InboxTask> tasks,
        int page,
        int pageSize,
        long total,
        Map<InboxTab, Long> counts,
        List<WaitingCase> waiting) {

    /** The most a page may hold. */
    public static final int MAX_PAGE_SIZE = 200;

    public InboxPage {
        tasks = List.copyOf(tasks);
        counts = Map.copyOf(counts);
        waiting = List.copyOf(waiting);
    }

    /** A page of tasks with the counts per tab. */
    public InboxPage(List<InboxTask> tasks, int page, int pageSize, long total, Map<InboxTab, Long> counts) {
        this(tasks, page, pageSize, total, counts, List.of());
    }

    /** A page without counts per tab. */
    public InboxPage(List<InboxTask> tasks, int page, int pageSize, long total) {
        this(tasks, page, pageSize, total, Map.of());
    }

    /** How many tasks {@code tab} holds (0 if not counted). */
    public long count(InboxTab tab) {
        return counts.getOrDefault(tab, 0L);
    }

    /** How many pages this tab has (at least 1). */
    public long pages() {
        return Math.max(1, (total + pageSize - 1) / pageSize);
    }

    public boolean hasPrevious() {
        return page > 0;
    }

    public boolean hasNext() {
        return (long) (page + 1) * pageSize < total;
    }

    /** Position of the first task (or waiting case) on this page, from 1 (0 when the page is empty). */
    public long first() {
        return size() == 0 ? 0 : (long) page * pageSize + 1;
    }

    /** Position of the last task (or waiting case) on this page. */
    public long last() {
        return (long) page * pageSize + size();
    }

    private int size() {
        return tasks.size() + waiting.size();
    }
}

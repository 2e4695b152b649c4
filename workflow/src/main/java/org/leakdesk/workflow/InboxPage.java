package org.leakdesk.workflow;

import java.util.List;

/**
 * One page of a member's inbox, oldest task first.
 *
 * @param tasks the tasks on this page
 * @param page which page, from 0
 * @param pageSize how many tasks a page holds
 * @param total how many tasks the whole inbox holds
 */
public record InboxPage(List<InboxTask> tasks, int page, int pageSize, long total) {

    /** The most a page may hold. */
    public static final int MAX_PAGE_SIZE = 200;

    public InboxPage {
        tasks = List.copyOf(tasks);
    }

    public boolean hasPrevious() {
        return page > 0;
    }

    public boolean hasNext() {
        return (long) (page + 1) * pageSize < total;
    }

    /** Position of the first task on this page, from 1 (0 when the page is empty). */
    public long first() {
        return tasks.isEmpty() ? 0 : (long) page * pageSize + 1;
    }

    /** Position of the last task on this page. */
    public long last() {
        return (long) page * pageSize + tasks.size();
    }
}

package org.leakdesk.infra;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Every access log action the running application's modules contribute, by stored name. */
public final class AccessActions {

    private final Map<String, AccessAction> byName = new LinkedHashMap<>();

    /**
     * @throws IllegalStateException if two modules contribute the same name
     */
    public AccessActions(List<AccessVocabulary> vocabularies) {
        for (AccessVocabulary vocabulary : vocabularies) {
            for (AccessAction action : vocabulary.actions()) {
                AccessAction earlier = byName.putIfAbsent(action.name(), action);
                if (earlier != null && earlier != action) {
                    throw new IllegalStateException("Two modules define the access log action " + action.name());
                }
            }
        }
    }

    /** All actions, in the modules' order; never null. */
    public List<AccessAction> all() {
        return Collections.unmodifiableList(new ArrayList<>(byName.values()));
    }

    /** The action stored under {@code name}; one known only by name if no module defines it. */
    public AccessAction byName(String name) {
        AccessAction action = byName.get(name);
        return action != null ? action : AccessAction.named(name);
    }

    /** The action stored under {@code name}, or null for a blank or unknown name (a filter). */
    public @Nullable AccessAction find(@Nullable String name) {
        return name == null ? null : byName.get(name.trim());
    }
}

package org.leakdesk.infra;

import java.util.List;

/**
 * The access log actions one module contributes; declare one as a bean per module.
 *
 * @param actions the module's actions, in the order the audit pages list them
 */
public record AccessVocabulary(List<AccessAction> actions) {

    public AccessVocabulary {
        actions = List.copyOf(actions);
    }

    /** The actions of one enum. */
    public static <E extends Enum<E> & AccessAction> AccessVocabulary of(Class<E> type) {
        return new AccessVocabulary(List.of(type.getEnumConstants()));
    }
}

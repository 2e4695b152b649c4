package org.leakdesk.intake.parsing;

import java.util.ArrayList;
import java.util.List;

/**
 * What a parser child may do with one file, passed to it on its command line.
 *
 * @param textLimit characters of text for the file and everything embedded in it together
 * @param maxEmbedded embedded documents parsed per file
 * @param maxDepth how deep embedded documents are followed (1: only what the file itself holds)
 * @param memoryDocumentLimit bytes a document may have to be held in memory rather than in scratch space
 * @param scratchAvailable whether the child has a memory-backed scratch directory as its temporary folder
 */
public record ParserLimits(
        int textLimit, int maxEmbedded, int maxDepth, long memoryDocumentLimit, boolean scratchAvailable) {

    /** As command-line arguments for the child. */
    public List<String> toArguments() {
        List<String> arguments = new ArrayList<>();
        arguments.add(Integer.toString(textLimit));
        arguments.add(Integer.toString(maxEmbedded));
        arguments.add(Integer.toString(maxDepth));
        arguments.add(Long.toString(memoryDocumentLimit));
        arguments.add(Boolean.toString(scratchAvailable));
        return arguments;
    }

    /** The inverse of {@link #toArguments()}. */
    public static ParserLimits fromArguments(String[] arguments) {
        if (arguments.length != 5) {
            throw new IllegalArgumentException("Expected 5 limits, got " + arguments.length);
        }
        return new ParserLimits(
                Integer.parseInt(arguments[0]),
                Integer.parseInt(arguments[1]),
                Integer.parseInt(arguments[2]),
                Long.parseLong(arguments[3]),
                Boolean.parseBoolean(arguments[4]));
    }
}

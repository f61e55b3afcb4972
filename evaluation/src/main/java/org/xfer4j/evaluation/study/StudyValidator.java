package org.xfer4j.evaluation.study;

import org.xfer4j.api.InvalidInputException;
import org.xfer4j.api.InvalidOptionException;
import org.xfer4j.api.XferException;
import org.xfer4j.core.registry.Registry;
import org.xfer4j.data.spec.DataSpecs;
import org.xfer4j.evaluation.study.StudyDefinition.DatasetEntry;
import org.xfer4j.evaluation.study.StudyDefinition.MethodEntry;
import org.xfer4j.evaluation.study.StudyDefinition.ModelEntry;

/**
 * Checks a study against what is installed before any work starts: every method is a known provider, every option
 * parses, every data spec and model reference is one the host accepts. Errors name the study file's line.
 */
public final class StudyValidator {

    private StudyValidator() {
    }

    /**
     * Throws {@link InvalidOptionException} or {@link InvalidInputException}, prefixed with the line at fault, at the
     * first method, option, model or dataset the host does not know.
     */
    public static void validate(StudyDefinition study, Registry registry, String fileName) {
        for (MethodEntry m : study.methods()) {
            try {
                registry.repurposer(m.method()).parseOptions(m.options());
            } catch (InvalidOptionException e) {
                throw new InvalidOptionException(at(fileName, m.line()) + "method " + m.label() + ": " + e.getMessage());
            }
        }
        for (ModelEntry m : study.models()) {
            try {
                registry.modelSource(m.model());
            } catch (XferException e) {
                throw new InvalidOptionException(at(fileName, m.line()) + "model " + m.model() + ": " + e.getMessage());
            }
        }
        for (DatasetEntry d : study.datasets()) {
            try {
                for (String spec : new String[] {d.train(), d.test(), d.data()}) {
                    if (spec != null) {
                        DataSpecs.validate(spec);
                    }
                }
            } catch (InvalidInputException e) {
                throw new InvalidInputException(at(fileName, d.line()) + "dataset " + d.name() + ": " + e.getMessage(), e);
            }
            if (study.models().stream().noneMatch(m -> m.appliesTo(d.name()))) {
                throw new InvalidInputException(at(fileName, d.line()) + "no model applies to dataset " + d.name());
            }
        }
    }

    private static String at(String fileName, int line) {
        return line > 0 ? fileName + " line " + line + ": " : "";
    }
}

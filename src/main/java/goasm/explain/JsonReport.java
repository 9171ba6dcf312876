package goasm.explain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.util.List;

/** {@code --json}: the model as it is, for tools; each reason carries the numbers lowering recorded. */
public final class JsonReport {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private JsonReport() {
    }

    /** The whole output: the release followed and its functions, in this order. */
    private record Document(String release, List<Model.Function> functions) {
    }

    public static String render(String release, List<Model.Function> functions) {
        try {
            return JSON.writeValueAsString(new Document(release, functions)) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("explain model not serialisable", e);
        }
    }
}

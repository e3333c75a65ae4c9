package io.relayagent.protocol.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.jr.ob.JacksonJrExtension;
import com.fasterxml.jackson.jr.ob.api.ExtensionContext;
import com.fasterxml.jackson.jr.ob.api.ReaderWriterModifier;
import com.fasterxml.jackson.jr.ob.api.ReaderWriterProvider;
import com.fasterxml.jackson.jr.ob.api.ValueReader;
import com.fasterxml.jackson.jr.ob.api.ValueWriter;
import com.fasterxml.jackson.jr.ob.impl.JSONReader;
import com.fasterxml.jackson.jr.ob.impl.JSONWriter;
import java.io.IOException;
import java.io.StringWriter;
import java.util.HashMap;
import java.util.Map;

/**
 * How message members are read and written, stricter than jackson-jr's own readers, which turn
 * {@code "x"} into 0 for a number and {@code 5} into {@code "5"} for a string: here a member of the
 * wrong JSON type is refused, naming it. Also {@link WireName} enums, {@link RawJson} and {@link
 * Version}.
 */
final class StrictValues extends JacksonJrExtension {
  private final JsonFactory factory;

  StrictValues(JsonFactory factory) {
    this.factory = factory;
  }

  @Override
  protected void register(ExtensionContext context) {
    Provider provider = new Provider();
    context.insertProvider(provider);
    // jackson-jr writes an enum member of a record with its own writer (the constant's name)
    // without asking providers: only this hook replaces that.
    context.insertModifier(
        new ReaderWriterModifier() {
          @Override
          public ValueWriter overrideStandardValueWriter(
              JSONWriter writeContext, Class<?> type, int stdTypeId) {
            return WireName.class.isAssignableFrom(type)
                ? provider.findValueWriter(writeContext, type)
                : null;
          }
        });
  }

  private final class Provider extends ReaderWriterProvider {
    @Override
    public ValueReader findValueReader(JSONReader context, Class<?> type) {
      if (type == String.class) {
        return new Scalar(type, "a string", StrictValues::string);
      }
      if (type == Long.class || type == long.class) {
        return new Scalar(type, "an integer", StrictValues::longValue);
      }
      if (type == Integer.class || type == int.class) {
        return new Scalar(type, "an integer", StrictValues::intValue);
      }
      if (type == Double.class || type == double.class) {
        return new Scalar(type, "a number", StrictValues::doubleValue);
      }
      if (type == Boolean.class || type == boolean.class) {
        return new Scalar(type, "true or false", StrictValues::booleanValue);
      }
      if (type == Version.class) {
        return new Scalar(type, "a string or an integer", StrictValues::version);
      }
      if (type == RawJson.class) {
        return new Raw();
      }
      if (type.isEnum() && WireName.class.isAssignableFrom(type)) {
        return new WireNameReader(type);
      }
      return null;
    }

    @Override
    public ValueWriter findValueWriter(JSONWriter context, Class<?> type) {
      if (WireName.class.isAssignableFrom(type)) {
        return new Writer(type, (g, value) -> g.writeString(((WireName) value).wireName()));
      }
      if (type == RawJson.class) {
        return new Writer(type, (g, value) -> g.writeRawValue(((RawJson) value).json()));
      }
      if (type == Version.class) {
        return new Writer(
            type,
            (g, value) -> {
              Version version = (Version) value;
              if (version.text() != null) {
                g.writeString(version.text());
              } else {
                g.writeNumber(version.number());
              }
            });
      }
      return null;
    }
  }

  /** Reads one JSON value of the current token; {@code null} if the token cannot be read. */
  @FunctionalInterface
  private interface TokenReader {
    Object read(JsonParser p) throws IOException;
  }

  /** A scalar: the right token or a refusal; JSON {@code null} only for a boxed type. */
  private static final class Scalar extends ValueReader {
    private final String expected;
    private final TokenReader reader;

    Scalar(Class<?> type, String expected, TokenReader reader) {
      super(type);
      this.expected = expected;
      this.reader = reader;
    }

    @Override
    public Object read(JSONReader context, JsonParser p) throws IOException {
      if (p.currentToken() == JsonToken.VALUE_NULL) {
        if (_valueType.isPrimitive()) {
          throw refused(p, "is required (" + expected + ")");
        }
        return null;
      }
      Object value;
      try {
        value = reader.read(p);
      } catch (InputCoercionException e) {
        throw refused(p, "is out of range");
      }
      if (value == null) {
        throw refused(p, "must be " + expected);
      }
      return value;
    }
  }

  private static Object string(JsonParser p) throws IOException {
    return p.currentToken() == JsonToken.VALUE_STRING ? p.getText() : null;
  }

  private static Object longValue(JsonParser p) throws IOException {
    return p.currentToken() == JsonToken.VALUE_NUMBER_INT ? p.getLongValue() : null;
  }

  private static Object intValue(JsonParser p) throws IOException {
    return p.currentToken() == JsonToken.VALUE_NUMBER_INT ? p.getIntValue() : null;
  }

  private static Object doubleValue(JsonParser p) throws IOException {
    return p.currentToken().isNumeric() ? p.getDoubleValue() : null;
  }

  private static Object booleanValue(JsonParser p) {
    return p.currentToken().isBoolean() ? p.currentToken() == JsonToken.VALUE_TRUE : null;
  }

  private static Object version(JsonParser p) throws IOException {
    if (p.currentToken() == JsonToken.VALUE_STRING) {
      String text = p.getText();
      if (text.length() > Fields.MAX_TEXT) {
        throw refused(p, "is longer than " + Fields.MAX_TEXT + " characters");
      }
      return Version.of(text);
    }
    return p.currentToken() == JsonToken.VALUE_NUMBER_INT ? Version.of(p.getLongValue()) : null;
  }

  /** Any value, kept as compact JSON text. */
  private final class Raw extends ValueReader {
    Raw() {
      super(RawJson.class);
    }

    /** An explicit {@code null} is a value too; only an absent member is {@code null}. */
    @Override
    public Object read(JSONReader context, JsonParser p) throws IOException {
      StringWriter text = new StringWriter();
      try (JsonGenerator copy = factory.createGenerator(text)) {
        copy.copyCurrentStructure(p);
      }
      return new RawJson(text.toString());
    }
  }

  private static final class WireNameReader extends ValueReader {
    private final Map<String, Object> byName = new HashMap<>();

    WireNameReader(Class<?> type) {
      super(type);
      for (Object constant : type.getEnumConstants()) {
        byName.put(((WireName) constant).wireName(), constant);
      }
    }

    @Override
    public Object read(JSONReader context, JsonParser p) throws IOException {
      if (p.currentToken() == JsonToken.VALUE_NULL) {
        return null;
      }
      Object constant = p.currentToken() == JsonToken.VALUE_STRING ? byName.get(p.getText()) : null;
      if (constant == null) {
        @SuppressWarnings("unchecked")
        Class<? extends WireName> type = (Class<? extends WireName>) _valueType;
        throw refused(p, "must be " + Fields.choices(type));
      }
      return constant;
    }
  }

  @FunctionalInterface
  private interface Write {
    void write(JsonGenerator g, Object value) throws IOException;
  }

  private record Writer(Class<?> valueType, Write write) implements ValueWriter {
    @Override
    public void writeValue(JSONWriter context, JsonGenerator g, Object value) throws IOException {
      write.write(g, value);
    }
  }

  private static MalformedJsonException refused(JsonParser p, String what) {
    return new MalformedJsonException(JsonPaths.member(JsonPaths.of(p.getParsingContext()), what));
  }
}

package goasm.lex;

import java.util.List;

/**
 * A #define: {@code params} is null for an object-like macro ({@code #define N 4}) and a list,
 * possibly empty, for a function-like one ({@code #define F(a, b) ...}).
 */
record Macro(String name, List<String> params, List<Token> body) {
}

# Sourced by the corpus scripts: $java is a JDK 21 or newer ($JAVA_HOME if it qualifies, else the
# newest under /usr/lib/jvm, else java on PATH), $build the build folder (GOASM_BUILD_DIR or
# target/), and build_classes compiles main and test classes and lists the test classpath.
java_major() { "$1" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n1; }
pick_java() {
  local c
  for c in ${JAVA_HOME:+"$JAVA_HOME/bin/java"} $(ls -d /usr/lib/jvm/*/bin/java 2>/dev/null | sort -rV) "$(command -v java || true)"; do
    [ -x "$c" ] || continue
    local v; v="$(java_major "$c")"
    if [ -n "$v" ] && [ "$v" -ge 21 ]; then echo "$c"; return 0; fi
  done
  return 1
}
java="$(pick_java)" || { echo "no JDK 21 or newer found (set JAVA_HOME)" >&2; exit 1; }
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
build="${GOASM_BUILD_DIR:-$root/target}"
build_classes() {
  (cd "$root" && mvn -B -q -DskipTests -Dgoasm.buildDir="$build" test-compile \
     dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$build/test.classpath" >&2)
  classpath="$build/classes:$build/test-classes:$(cat "$build/test.classpath")"
}

#!/usr/bin/env bash
# Proves that the README's Maven snippet works as written: installs just the runtime and the processor
# (the README's fast route) into a temporary local repository, builds a new project whose pom.xml is
# the README's snippet inside a bare <project>, compiles the README's first example with it, and runs
# that on H2. Nothing is written to ~/.m2; the temporary repository is seeded from it (without
# io/getorcreate) so that no download is needed where ~/.m2 is warm.
#
# Usage: .ci/readme-snippet.sh [extra Maven arguments, e.g. -o]
# Env:   SNIPPET_SEED_REPO  repository to seed from (default ~/.m2/repository; "none" starts empty)
#        SNIPPET_KEEP=1     keep the temporary folder and print its path
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

work=$(mktemp -d "${TMPDIR:-/tmp}/getorcreate-readme.XXXXXX")
if [ "${SNIPPET_KEEP:-0}" = "1" ]; then
  echo "README snippet check in $work"
else
  trap 'rm -rf "$work"' EXIT
fi

# The text between a README marker pair, without the Markdown fence lines.
extract() { # marker name
  awk -v start="<!-- readme-snippet:$1:start -->" -v end="<!-- readme-snippet:$1:end -->" '
    $0 == start { inside = 1; next }
    $0 == end   { inside = 0; found = 1; next }
    inside && !/^```/ { print }
    END { if (!found) exit 1 }
  ' README.md || { echo "README.md has no complete readme-snippet:$1 marker pair" >&2; exit 1; }
}

repo="$work/repo"
mkdir -p "$repo"
seed="${SNIPPET_SEED_REPO:-$HOME/.m2/repository}"
if [ "$seed" != "none" ] && [ -d "$seed" ]; then
  (cd "$seed" && tar --exclude=./io/getorcreate -cf - .) | tar -xf - -C "$repo"
fi

echo "README snippet: installing the runtime and the processor into $repo"
mvn -B -q install -pl runtime,processor -am -DskipTests -Dmaven.repo.local="$repo" "$@"

project="$work/project"
mkdir -p "$project/src/main/java/demo"
{
  cat <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0"
         xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
         xsi:schemaLocation="http://maven.apache.org/POM/4.0.0 https://maven.apache.org/xsd/maven-4.0.0.xsd">
  <modelVersion>4.0.0</modelVersion>
  <groupId>demo</groupId>
  <artifactId>readme-snippet</artifactId>
  <version>1</version>
  <properties>
    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
  </properties>
XML
  extract maven
  echo '</project>'
} > "$project/pom.xml"

# The README's first example: the record up to the first blank line, then the statements that use it.
example=$(extract example)
record=$(printf '%s\n' "$example" | awk 'NF == 0 { exit } { print }')
body=$(printf '%s\n' "$example" | awk 'seen { print } NF == 0 { seen = 1 }')
printf 'package demo;\n\nimport io.getorcreate.*;\n\n%s\n' "$record" > "$project/src/main/java/demo/Customer.java"
cat > "$project/src/main/java/demo/Main.java" <<JAVA
package demo;

import io.getorcreate.*;
import org.jdbi.v3.core.Jdbi;

public class Main {
    public static void main(String[] args) {
        Jdbi jdbi = Jdbi.create("jdbc:h2:mem:readme;DB_CLOSE_DELAY=-1");
        new CustomerDao(jdbi).createTable();
        for (int run = 1; run <= 2; run++) {
$(printf '%s\n' "$body" | sed 's/^/            /')
            if (outcome.created() != (run == 1) || !customer.email().equals("johndoe@example.com")) {
                throw new AssertionError("run " + run + ": " + outcome);
            }
        }
        System.out.println("README example ran: created once, then found");
    }
}
JAVA

echo "README snippet: building a new project from it"
(cd "$project" && mvn -B -q package -Dmaven.repo.local="$repo" "$@" \
  && mvn -B -q org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath \
       -Dmdep.outputFile=cp.txt -Dmaven.repo.local="$repo" "$@")
grep -q 'class CustomerDao' "$project/target/generated-sources/annotations/demo/CustomerDao.java" \
  || { echo "The processor did not write CustomerDao" >&2; exit 1; }
java -cp "$project/target/classes:$(cat "$project/cp.txt")" demo.Main 2>&1 | tee "$work/out.txt"
grep -q "README example ran" "$work/out.txt"
if grep -q "SLF4J(W)" "$work/out.txt"; then
  echo "The README's build prints SLF4J warnings: its snippet should bind a provider" >&2
  exit 1
fi
echo "README snippet: OK"

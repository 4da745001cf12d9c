"""boilerbench's tests (a regular package: a dependency, py-asciimath, installs a
top-level ``tests`` package that would otherwise shadow this folder)."""

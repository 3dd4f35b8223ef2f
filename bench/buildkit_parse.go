// SPDX-License-Identifier: MIT
//
// buildkit_parse: BuildKit's own Dockerfile parser as a program, for
// make bench-lint to time beside dockwright (bench/bench_lint.sh builds
// it inside a BuildKit source tree with go build -overlay; BuildKit's
// parser is a Go package with no program of its own).  Parses each file
// named and prints how many instructions it holds.
package main

import (
	"fmt"
	"os"

	"github.com/moby/buildkit/frontend/dockerfile/parser"
)

func main() {
	status := 0
	for _, path := range os.Args[1:] {
		f, err := os.Open(path)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			status = 2
			continue
		}
		res, err := parser.Parse(f)
		f.Close()
		if err != nil {
			fmt.Fprintf(os.Stderr, "%s: %v\n", path, err)
			status = 1
			continue
		}
		fmt.Printf("%s: %d instructions\n", path, len(res.AST.Children))
	}
	os.Exit(status)
}

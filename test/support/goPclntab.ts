// Go's debug/gosym as the reference reader of a binary's pclntab: the functions it names, for tests
// that check gopsy's own pclntab parser against the toolchain's answer.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';

const PCLNTAB_GO = `package main

import (
	"debug/elf"
	"debug/gosym"
	"encoding/json"
	"os"
)

func main() {
	f, err := elf.Open(os.Args[1])
	if err != nil {
		panic(err)
	}
	data, err := f.Section(".gopclntab").Data()
	if err != nil {
		panic(err)
	}
	t, err := gosym.NewTable(nil, gosym.NewLineTable(data, f.Section(".text").Addr))
	if err != nil {
		panic(err)
	}
	names := []string{}
	for _, fn := range t.Funcs {
		names = append(names, fn.Name)
	}
	json.NewEncoder(os.Stdout).Encode(names)
}
`;

/** The names of the functions in `binary`'s .gopclntab as debug/gosym reads them; `temp` holds the reader. */
export function goPclntabFunctions(binary: string, temp: string): string[] {
  const helper = path.join(temp, 'pclntab.go');
  writeFileSync(helper, PCLNTAB_GO);
  return JSON.parse(execFileSync('go', ['run', helper, binary], { cwd: temp, encoding: 'utf8' })) as string[];
}

// Go's debug/elf and debug/gosym as the reference readers of a binary's ELF section headers and of
// the functions its pclntab names, for tests that check gopsy's sizes against the toolchain's own answer.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Go's debug/elf, the reference reader: every section's name, type, flags, address and size; with
 * a second argument "pclntab", the names of the functions debug/gosym reads from .gopclntab.
 */
const ELF_READER_GO = `package main

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
	if len(os.Args) > 2 && os.Args[2] == "pclntab" {
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
		return
	}
	type sec struct {
		Name    string
		Type    uint32
		Alloc   bool
		Address uint64
		Size    uint64
	}
	var out []sec
	for _, s := range f.Sections {
		// Size is the decompressed size of a compressed (.debug_*) section; sh_size is then FileSize.
		size := s.Size
		if s.Flags&elf.SHF_COMPRESSED != 0 {
			size = s.FileSize
		}
		out = append(out, sec{s.Name, uint32(s.Type), s.Flags&elf.SHF_ALLOC != 0, s.Addr, size})
	}
	json.NewEncoder(os.Stdout).Encode(out)
}
`;

export interface GoSection {
  Name: string;
  Type: number;
  Alloc: boolean;
  Address: number;
  Size: number;
}

function runReader<T>(binary: string, temp: string, ...args: string[]): T {
  const helper = path.join(temp, 'elfreader.go');
  writeFileSync(helper, ELF_READER_GO);
  return JSON.parse(execFileSync('go', ['run', helper, binary, ...args], { cwd: temp, encoding: 'utf8' })) as T;
}

/** Every section of `binary` as debug/elf reads it; `temp` holds the small Go program that reads them. */
export function elfSections(binary: string, temp: string): GoSection[] {
  return runReader<GoSection[]>(binary, temp);
}

/** The names of the functions in `binary`'s .gopclntab, in table order, as debug/gosym reads them. */
export function goPclntabFunctions(binary: string, temp: string): string[] {
  return runReader<string[]>(binary, temp, 'pclntab');
}

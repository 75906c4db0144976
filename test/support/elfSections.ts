// Go's debug/elf as the reference reader of a binary's ELF section headers, for tests that check
// gopsy's sizes against the toolchain's own answer.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';

/** Go's debug/elf, the reference reader: every section's name, type, flags, address and size. */
const ELF_SECTIONS_GO = `package main

import (
	"debug/elf"
	"encoding/json"
	"os"
)

func main() {
	f, err := elf.Open(os.Args[1])
	if err != nil {
		panic(err)
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

/** Every section of `binary` as debug/elf reads it; `temp` holds the small Go program that reads them. */
export function elfSections(binary: string, temp: string): GoSection[] {
  const helper = path.join(temp, 'elfsections.go');
  writeFileSync(helper, ELF_SECTIONS_GO);
  return JSON.parse(
    execFileSync('go', ['run', helper, binary], { cwd: temp, encoding: 'utf8' }),
  ) as GoSection[];
}

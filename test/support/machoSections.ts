// Go's debug/macho and debug/gosym as the reference readers of a Mach-O binary's sections and of the
// functions its __gopclntab names, for tests that check gopsy's reading against the toolchain's own.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';

const MACHO_READER_GO = `package main

import (
	"debug/gosym"
	"debug/macho"
	"encoding/json"
	"os"
)

func main() {
	f, err := macho.Open(os.Args[1])
	if err != nil {
		panic(err)
	}
	type sec struct {
		Name   string
		Seg    string
		Addr   uint64
		Size   uint64
		Offset uint32
	}
	out := struct {
		Sections []sec
		Funcs    []string
	}{}
	for _, s := range f.Sections {
		out.Sections = append(out.Sections, sec{s.Name, s.Seg, s.Addr, s.Size, s.Offset})
	}
	data, err := f.Section("__gopclntab").Data()
	if err != nil {
		panic(err)
	}
	t, err := gosym.NewTable(nil, gosym.NewLineTable(data, f.Section("__text").Addr))
	if err != nil {
		panic(err)
	}
	for _, fn := range t.Funcs {
		out.Funcs = append(out.Funcs, fn.Name)
	}
	json.NewEncoder(os.Stdout).Encode(out)
}
`;

export interface GoMachoSection {
  Name: string;
  Seg: string;
  Addr: number;
  Size: number;
  Offset: number;
}

/** The sections of a Mach-O `binary` and its pclntab's functions as Go reads them; `temp` holds the reader. */
export function goMacho(binary: string, temp: string): { Sections: GoMachoSection[]; Funcs: string[] } {
  const helper = path.join(temp, 'machoreader.go');
  writeFileSync(helper, MACHO_READER_GO);
  return JSON.parse(execFileSync('go', ['run', helper, binary], { cwd: temp, encoding: 'utf8' })) as { Sections: GoMachoSection[]; Funcs: string[] };
}

// Long builds a view can cancel by the name it gave them (SSA listings and captures, What changed):
// each name has one AbortController; starting a name again cancels the run that had it.
export class NamedJobs {
  private readonly jobs = new Map<string, AbortController>();

  /** A job the caller may cancel later by its name (the view's cancel button). */
  start(job: string): AbortController {
    this.jobs.get(job)?.abort();
    const ctl = new AbortController();
    this.jobs.set(job, ctl);
    return ctl;
  }

  end(job: string, ctl: AbortController): void {
    if (this.jobs.get(job) === ctl) this.jobs.delete(job);
  }

  /** Aborts the job (its go process tree ends); false when no such job runs. */
  cancel(job: string): boolean {
    const ctl = this.jobs.get(job);
    ctl?.abort();
    return !!ctl;
  }

  /** Cancels every job whose name starts with prefix (a window that closed). */
  cancelAll(prefix: string): void {
    for (const [job, ctl] of this.jobs) if (job.startsWith(prefix)) ctl.abort();
  }
}

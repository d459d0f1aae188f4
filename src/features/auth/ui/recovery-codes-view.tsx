"use client";
import { Button } from "@/components/ui/button";
import { toast } from "@/components/ui/toast-store";

/** Shown once, right after the codes are made: the server keeps only their hashes. */
export function RecoveryCodesView({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  const text = `Groundwork recovery codes\nEach code works once. Keep them somewhere safe.\n\n${codes.join("\n")}\n`;

  function download() {
    const url = URL.createObjectURL(new Blob([text], { type: "text/plain" }));
    const link = document.createElement("a");
    link.href = url;
    link.download = "groundwork-recovery-codes.txt";
    link.click();
    // The click has started the download; the URL is not needed after this task.
    setTimeout(() => URL.revokeObjectURL(url), 0);
  }

  async function copy() {
    try {
      await navigator.clipboard.writeText(codes.join("\n"));
      toast({ title: "Recovery codes copied", variant: "success" });
    } catch {
      toast({ title: "Couldn't copy", description: "Select the codes and copy them, or download them as a file.", variant: "error" });
    }
  }

  return (
    <div className="flex flex-col gap-4">
      <p className="text-sm">
        Save these recovery codes somewhere safe, like a password manager. If you lose your phone, each one lets you sign in
        once. <strong>This is the only time they are shown.</strong>
      </p>
      <ol
        data-testid="recovery-codes"
        aria-label="Recovery codes"
        className="grid grid-cols-2 gap-x-8 gap-y-2 rounded-lg border border-border bg-muted p-4 font-mono text-sm sm:max-w-md"
      >
        {codes.map((code) => (
          <li key={code}>{code}</li>
        ))}
      </ol>
      <div className="flex flex-wrap gap-2">
        <Button variant="outline" onClick={download}>
          Download
        </Button>
        <Button variant="outline" onClick={() => void copy()}>
          Copy
        </Button>
        <Button onClick={onDone}>I&apos;ve saved them</Button>
      </div>
    </div>
  );
}

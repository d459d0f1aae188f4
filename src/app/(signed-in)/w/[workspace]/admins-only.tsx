import { Card, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";

/** Shown instead of an admin page to a plain member who opens its address directly. */
export function AdminsOnly({ what, workspaceName }: { what: string; workspaceName: string }) {
  return (
    <Card>
      <CardHeader className="pb-6">
        <CardTitle>{what} are for admins</CardTitle>
        <CardDescription>You are a member of {workspaceName}. Ask an admin or owner if you need access.</CardDescription>
      </CardHeader>
    </Card>
  );
}

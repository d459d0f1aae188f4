import type { Metadata } from "next";
import { AdminSearch } from "@/features/admin/ui/admin-search";

export const metadata: Metadata = { title: "Users" };

export default function AdminUsersPage() {
  return (
    <>
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Users</h1>
        <p className="text-sm text-muted-foreground">Find an account by email, name or id. Address prefixes come first, then anything containing what you typed.</p>
      </div>
      <AdminSearch kind="users" />
    </>
  );
}

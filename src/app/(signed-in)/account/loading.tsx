import { FormCardSkeleton, ListCardSkeleton, PageSkeleton } from "@/components/ui/skeleton";

/** The account page: profile, then the email and password forms. The sub-navigation stays (layout). */
export default function Loading() {
  return (
    <PageSkeleton label="Loading your account">
      <ListCardSkeleton label="Loading your profile" rows={2} />
      <FormCardSkeleton fields={1} />
      <FormCardSkeleton fields={2} />
    </PageSkeleton>
  );
}

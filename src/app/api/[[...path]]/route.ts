import { handleApiRequest } from "@/server/rest/api";

export const dynamic = "force-dynamic";

// Every path under /api/ that no other route folder takes: the public API and its envelope 404/405.
const handle = (req: Request) => handleApiRequest(req, {});

export { handle as GET, handle as HEAD, handle as POST, handle as PUT, handle as PATCH, handle as DELETE, handle as OPTIONS };

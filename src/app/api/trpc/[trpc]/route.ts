import { handleTrpcRequest } from "@/server/trpc/handler";

export const GET = handleTrpcRequest;
export const POST = handleTrpcRequest;

export { Select } from "@/components/ui/select";

import type { StoredPhoto } from "../domain/report.js";
import type { DialogDeps, DialogTurn } from "./turn.js";

/**
 * Shows a stored photo on its own, just above a step's question (the composer's preview shows
 * the photo members will get). A photo that cannot be loaded is logged and skipped: the
 * question still comes, so the person is never left without one.
 */
export async function showStepPhoto(
  turn: DialogTurn,
  photo: StoredPhoto,
  deps: Pick<DialogDeps, "loadPhoto" | "logger">,
): Promise<void> {
  let file: Awaited<ReturnType<DialogDeps["loadPhoto"]>>;
  try {
    file = await deps.loadPhoto(photo);
  } catch (error) {
    deps.logger.warn({ err: error, file: photo.file }, "dialog: a step's photo is missing");
    return;
  }
  await turn.reply.send({ text: "", file });
}

/**
 * The picture desk's server side: its static files ({@link media.archive.api.desk.DeskFiles}) and
 * the live status of images it shows ({@link media.archive.api.desk.ImageEventStream}, the route;
 * one client's stream, the threads streams share and the making of events are package-private).
 */
package media.archive.api.desk;

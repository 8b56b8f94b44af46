/** The picture desk's server side: its static files and the live status of images it shows. */
package media.archive.api.desk;

package demo

import (
	"database/sql"
	"errors"
	"io"
	"mime"
	"net/http"
	"path"
	"strings"
)

// A product photo is at most 2 MB and a PNG or JPEG, as its bytes show: the
// file name and the Content-Type the browser sends are not trusted.
const (
	maxPhotoBytes = 2 << 20
	// The multipart envelope around the photo (boundaries, part headers, a
	// long file name) is small; a body bigger than photo plus this is cut off.
	maxEnvelopeBytes = 64 << 10
)

var photoTypes = []string{"image/png", "image/jpeg"}

// handleUploadPhoto: POST /api/products/{id}/photo, multipart/form-data with
// a file field "photo" → 200 product, whose photo names the file. Whoever may
// update the product (the owner) may upload; a new photo replaces the old.
func (s *Store) handleUploadPhoto(w http.ResponseWriter, r *http.Request) {
	p, ok := s.authorizedProduct(w, r, actionUpdate)
	if !ok {
		return
	}
	photo, err := readPhoto(w, r)
	if err != nil {
		s.writeFailure(w, r, err)
		return
	}
	_, err = s.db.ExecContext(r.Context(), `
INSERT INTO product_photos (product_id, file_name, content_type, data) VALUES (?, ?, ?, ?)
ON CONFLICT (product_id) DO UPDATE SET file_name = excluded.file_name,
	content_type = excluded.content_type, data = excluded.data, version = version + 1`,
		p.ID, photo.fileName, photo.contentType, photo.data)
	if err != nil {
		s.writeFailure(w, r, err)
		return
	}
	if p, err = findProduct(r.Context(), s.db, p.ID); err != nil {
		s.writeFailure(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, p.view())
}

// handleGetPhoto: GET /api/products/{id}/photo → the image, for whoever may
// see the product; 404 when it has no photo.
func (s *Store) handleGetPhoto(w http.ResponseWriter, r *http.Request) {
	p, ok := s.authorizedProduct(w, r, actionRead)
	if !ok {
		return
	}
	var contentType string
	var data []byte
	err := s.db.QueryRowContext(r.Context(),
		"SELECT content_type, data FROM product_photos WHERE product_id = ?", p.ID).Scan(&contentType, &data)
	if errors.Is(err, sql.ErrNoRows) {
		writeError(w, http.StatusNotFound, "product "+itoa(p.ID)+" has no photo")
		return
	}
	if err != nil {
		s.writeFailure(w, r, err)
		return
	}
	w.Header().Set("Content-Type", contentType)
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.Header().Set("Cache-Control", "private, no-cache")
	w.Write(data)
}

type uploadedPhoto struct {
	fileName    string
	contentType string
	data        []byte
}

// readPhoto reads the "photo" part of a multipart body and checks its size
// and type. Other parts are skipped.
func readPhoto(w http.ResponseWriter, r *http.Request) (*uploadedPhoto, error) {
	r.Body = http.MaxBytesReader(w, r.Body, maxPhotoBytes+maxEnvelopeBytes)
	mr, err := r.MultipartReader()
	if err != nil {
		return nil, newAPIError(http.StatusBadRequest, "send the photo as multipart/form-data in a file field named photo")
	}
	for {
		part, err := mr.NextPart()
		if err == io.EOF {
			return nil, newAPIError(http.StatusUnprocessableEntity, "no photo in the upload: send a file field named photo")
		}
		if err != nil {
			return nil, bodyError(err)
		}
		if part.FormName() != "photo" {
			continue // NextPart skips what is left of this one
		}
		data, err := io.ReadAll(io.LimitReader(part, maxPhotoBytes+1))
		if err != nil {
			return nil, bodyError(err)
		}
		if len(data) > maxPhotoBytes {
			// Read the rest (MaxBytesReader bounds it), so the browser gets
			// this answer rather than a connection closed under its upload.
			io.Copy(io.Discard, r.Body)
			return nil, tooLarge()
		}
		if len(data) == 0 {
			return nil, newAPIError(http.StatusUnprocessableEntity, "the photo is empty: choose an image file")
		}
		contentType, _, _ := mime.ParseMediaType(http.DetectContentType(data))
		if !contains(photoTypes, contentType) {
			return nil, newAPIError(http.StatusUnsupportedMediaType,
				"a photo must be a PNG or JPEG image; %s is %s", photoFileName(part.FileName()), contentType)
		}
		return &uploadedPhoto{fileName: photoFileName(part.FileName()), contentType: contentType, data: data}, nil
	}
}

func bodyError(err error) error {
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		return tooLarge()
	}
	return newAPIError(http.StatusBadRequest, "could not read the upload: %v", err)
}

func tooLarge() error {
	return newAPIError(http.StatusRequestEntityTooLarge, "the photo is larger than 2 MB")
}

// photoFileName keeps only the base name a browser sends, whichever
// separator its system uses.
func photoFileName(name string) string {
	name = path.Base(strings.ReplaceAll(name, `\`, "/"))
	if name == "." || name == "/" || name == "" {
		return "photo"
	}
	return name
}

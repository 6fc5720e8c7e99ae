/* C helpers for the distance assessor (the optional build; see hatch_build.py).
 *
 * Reading ``checkin.on`` from compiled (mypyc) code goes through the generic
 * attribute protocol: a type lookup, a descriptor call, a member read. The
 * interpreter has a shortcut for slots that compiled code lacks, so reading
 * the check-ins cost the compiled assessor a third of its time, and filling
 * its results field by field a quarter. For a slotted class, each attribute
 * is a member descriptor naming a fixed offset in the object; select and make
 * read and write objects there directly. balance and beyond_band are the two
 * numeric loops that compiled code still ran on boxed floats.
 *
 * Each helper does the work of one function of attunement._assessor, which
 * stays the reference (a pure install runs it) and which tests/test_slotted.py
 * holds the helper to: select of select_rows, balance of _balance,
 * beyond_band of _beyond_band, make of the slotted shells. Only a Layout knows
 * offsets, and a Layout is made from a class and slot names by checking each
 * descriptor, so a caller cannot pass a bad offset; every object whose
 * memory a helper reads has its type checked first.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <structmember.h>
#include <datetime.h>
#include <math.h>
#include <string.h>

#define MAX_SLOTS 16

typedef struct {
    PyObject_HEAD
    PyTypeObject *cls;
    Py_ssize_t width;
    Py_ssize_t offsets[MAX_SLOTS];
} Layout;

static void
layout_dealloc(Layout *self)
{
    Py_XDECREF(self->cls);
    Py_TYPE(self)->tp_free((PyObject *)self);
}

static PyObject *
layout_repr(Layout *self)
{
    return PyUnicode_FromFormat("<Layout of %s, %zd slots>", self->cls->tp_name, self->width);
}

static PyTypeObject LayoutType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "attunement._slotted.Layout",
    .tp_basicsize = sizeof(Layout),
    .tp_dealloc = (destructor)layout_dealloc,
    .tp_repr = (reprfunc)layout_repr,
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_doc = "Where named object slots sit in instances of one class.",
};

/* layout(cls, names) -> Layout: refuses a name that is not a writable object
 * slot of cls, or that is named twice. */
static PyObject *
layout(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 2 || !PyType_Check(args[0]) || !PyTuple_Check(args[1])) {
        PyErr_SetString(PyExc_TypeError, "layout(cls: type, names: tuple[str, ...])");
        return NULL;
    }
    PyTypeObject *cls = (PyTypeObject *)args[0];
    PyObject *names = args[1];
    Py_ssize_t width = PyTuple_GET_SIZE(names);
    if (width > MAX_SLOTS) {
        PyErr_Format(PyExc_ValueError, "at most %d slots", MAX_SLOTS);
        return NULL;
    }
    Layout *made = PyObject_New(Layout, &LayoutType);
    if (made == NULL) {
        return NULL;
    }
    made->cls = NULL;
    made->width = width;
    for (Py_ssize_t index = 0; index < width; index++) {
        PyObject *name = PyTuple_GET_ITEM(names, index);
        if (!PyUnicode_Check(name)) {
            Py_DECREF(made);
            PyErr_SetString(PyExc_TypeError, "slot names must be str");
            return NULL;
        }
        PyObject *descr = _PyType_Lookup(cls, name); /* borrowed */
        if (descr == NULL || !Py_IS_TYPE(descr, &PyMemberDescr_Type)) {
            Py_DECREF(made);
            PyErr_Format(PyExc_TypeError, "%R is not a slot of %s", name, cls->tp_name);
            return NULL;
        }
        PyMemberDef *member = ((PyMemberDescrObject *)descr)->d_member;
        if (member->type != T_OBJECT_EX || (member->flags & READONLY)) {
            Py_DECREF(made);
            PyErr_Format(PyExc_TypeError, "%R is not a writable object slot", name);
            return NULL;
        }
        for (Py_ssize_t earlier = 0; earlier < index; earlier++) {
            if (made->offsets[earlier] == member->offset) {
                /* make would write the slot twice and leak the first value. */
                Py_DECREF(made);
                PyErr_Format(PyExc_ValueError, "%R is named twice", name);
                return NULL;
            }
        }
        made->offsets[index] = member->offset;
    }
    Py_INCREF(cls);
    made->cls = cls;
    return (PyObject *)made;
}

#define SLOT(object, offset) (*(PyObject **)((char *)(object) + (offset)))

/* make(layout, *values) -> a new instance of the layout's class with those
 * slots set, as object.__new__(cls) and a setattr per slot would make it. */
static PyObject *
make(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs < 1 || !Py_IS_TYPE(args[0], &LayoutType)) {
        PyErr_SetString(PyExc_TypeError, "make(layout: Layout, *values)");
        return NULL;
    }
    Layout *shape = (Layout *)args[0];
    if (nargs - 1 != shape->width) {
        PyErr_Format(PyExc_TypeError, "make: %zd values for %zd slots", nargs - 1, shape->width);
        return NULL;
    }
    PyObject *made = shape->cls->tp_alloc(shape->cls, 0);
    if (made == NULL) {
        return NULL;
    }
    for (Py_ssize_t index = 0; index < shape->width; index++) {
        PyObject *value = args[1 + index];
        Py_INCREF(value);
        SLOT(made, shape->offsets[index]) = value;
    }
    return made;
}

static const int days_before_month[13] = {0, 0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334};

/* date.toordinal(), from the date's fields, as CPython computes it. */
static long
ordinal_of(PyObject *date)
{
    long year = PyDateTime_GET_YEAR(date);
    int month = PyDateTime_GET_MONTH(date);
    long before = year - 1;
    long days = before * 365 + before / 4 - before / 100 + before / 400;
    days += days_before_month[month];
    if (month > 2 && year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) {
        days += 1;
    }
    return days + PyDateTime_GET_DAY(date);
}

/* ordinal(date) -> int: for the tests, which hold ordinal_of to date.toordinal(). */
static PyObject *
ordinal(PyObject *module, PyObject *date)
{
    if (!PyDate_CheckExact(date)) {
        PyErr_SetString(PyExc_TypeError, "ordinal(date)");
        return NULL;
    }
    return PyLong_FromLong(ordinal_of(date));
}

/* A date as one number that sorts as the date does (cheaper than its ordinal). */
static inline long
date_key(PyObject *date)
{
    return ((long)PyDateTime_GET_YEAR(date) << 9) | (PyDateTime_GET_MONTH(date) << 5)
           | PyDateTime_GET_DAY(date);
}

#define ROW_WIDTH 6 /* partner (0 or 1), week, closeness, felt_heard, signs, events */
#define STACK_ROWS 256

/* select(layout, items, first_monday, last_day)
 *     -> (first_id, second_id, seen_before, rows) | None
 *
 * The C version of attunement._assessor.select_rows (see there), given the
 * layout of CheckIn's slots partner_id, on, closeness, felt_heard, signs and
 * events. None when an item is not exactly the layout's class or a third
 * partner id shows. */
static PyObject *
select_rows(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 4 || !Py_IS_TYPE(args[0], &LayoutType) || !PyList_Check(args[1])
        || !PyDate_CheckExact(args[2]) || !PyDate_CheckExact(args[3])) {
        PyErr_SetString(PyExc_TypeError,
                        "select(layout: Layout, items: list, first_monday: date, last_day: date)");
        return NULL;
    }
    Layout *shape = (Layout *)args[0];
    PyObject *items = args[1];
    if (shape->width != ROW_WIDTH) {
        PyErr_SetString(PyExc_TypeError, "select needs a layout of six slots");
        return NULL;
    }
    const Py_ssize_t id_at = shape->offsets[0];
    const Py_ssize_t on_at = shape->offsets[1];
    const long first = date_key(args[2]);
    const long last = date_key(args[3]);
    const long first_ordinal = ordinal_of(args[2]);
    Py_ssize_t count = PyList_GET_SIZE(items);

    /* The rows in the window, as item index * 2 + partner (0 or 1). */
    Py_ssize_t stack_rows[STACK_ROWS];
    Py_ssize_t *in_window = stack_rows;
    if (count > STACK_ROWS) {
        in_window = PyMem_New(Py_ssize_t, count);
        if (in_window == NULL) {
            return PyErr_NoMemory();
        }
    }
    PyObject *result = NULL;
    PyObject *ids[2] = {NULL, NULL}; /* borrowed from the items while they are read */
    int own_ids = 0;
    int seen_before = 0;
    Py_ssize_t rows = 0;
    for (Py_ssize_t index = 0; index < count; index++) {
        PyObject *item = PyList_GET_ITEM(items, index);
        if (Py_TYPE(item) != shape->cls) {
            result = Py_NewRef(Py_None);
            goto done;
        }
        PyObject *partner_id = SLOT(item, id_at);
        PyObject *on = SLOT(item, on_at);
        /* CheckIn checks both when it is made; this guards the memory reads. */
        if (partner_id == NULL || on == NULL || !PyUnicode_CheckExact(partner_id)
            || !PyDate_CheckExact(on)) {
            PyErr_SetString(PyExc_TypeError, "a check-in without a str partner_id and a date");
            goto done;
        }
        Py_ssize_t second = 0;
        if (partner_id == ids[0]) {
        }
        else if (partner_id == ids[1]) {
            second = 1;
        }
        else if (ids[0] == NULL || PyUnicode_Compare(partner_id, ids[0]) == 0) {
            ids[0] = partner_id;
        }
        else if (ids[1] == NULL || PyUnicode_Compare(partner_id, ids[1]) == 0) {
            ids[1] = partner_id;
            second = 1;
        }
        else {
            result = Py_NewRef(Py_None);
            goto done;
        }
        long day = date_key(on);
        if (day < first) {
            seen_before = 1;
        }
        else if (day <= last) {
            in_window[rows++] = index * 2 + second;
        }
    }

    /* Making the list may run the garbage collector, and with it any code,
     * which could change the items: hold the ids, and check each item again. */
    Py_XINCREF(ids[0]);
    Py_XINCREF(ids[1]);
    own_ids = 1;
    PyObject *flat = PyList_New(rows * ROW_WIDTH);
    if (flat == NULL) {
        goto done;
    }
    for (Py_ssize_t row = 0; row < rows; row++) {
        Py_ssize_t at = in_window[row] / 2;
        PyObject *item = at < PyList_GET_SIZE(items) ? PyList_GET_ITEM(items, at) : NULL;
        if (item == NULL || Py_TYPE(item) != shape->cls || SLOT(item, on_at) == NULL
            || !PyDate_CheckExact(SLOT(item, on_at))) {
            Py_DECREF(flat);
            PyErr_SetString(PyExc_RuntimeError, "the check-ins changed while they were read");
            goto done;
        }
        PyObject *values[ROW_WIDTH] = {
            PyLong_FromSsize_t(in_window[row] % 2),
            PyLong_FromLong((ordinal_of(SLOT(item, on_at)) - first_ordinal) / 7),
            SLOT(item, shape->offsets[2]),
            SLOT(item, shape->offsets[3]),
            SLOT(item, shape->offsets[4]),
            SLOT(item, shape->offsets[5]),
        };
        if (values[0] == NULL || values[1] == NULL || values[2] == NULL || values[3] == NULL
            || values[4] == NULL || values[5] == NULL) {
            /* An int that could not be made, or a slot never set. */
            Py_XDECREF(values[0]);
            Py_XDECREF(values[1]);
            Py_DECREF(flat); /* a list frees the items set so far and skips the rest */
            if (!PyErr_Occurred()) {
                PyErr_SetString(PyExc_TypeError, "a check-in with an unset field");
            }
            goto done;
        }
        for (int column = 0; column < ROW_WIDTH; column++) {
            if (column >= 2) {
                Py_INCREF(values[column]); /* the two ints are new references already */
            }
            PyList_SET_ITEM(flat, row * ROW_WIDTH + column, values[column]);
        }
    }
    PyObject *empty = PyUnicode_New(0, 0);
    if (empty == NULL) {
        Py_DECREF(flat);
        goto done;
    }
    result = PyTuple_Pack(4, ids[0] ? ids[0] : empty, ids[1] ? ids[1] : empty,
                          seen_before ? Py_True : Py_False, flat);
    Py_DECREF(empty);
    Py_DECREF(flat);
done:
    if (own_ids) {
        Py_XDECREF(ids[0]);
        Py_XDECREF(ids[1]);
    }
    if (in_window != stack_rows) {
        PyMem_Free(in_window);
    }
    return result;
}


/* The largest-remainder rounding of attunement._assessor._balance, which is
 * the reference (see there) and which a test holds this to; math.fsum and
 * the builtin sum are called as the reference calls them, so results agree
 * on every Python version.
 *
 * balance(ranked, fsum, sum) -> (kept, points, score)
 * ranked: list of (-share, code) tuples. */
#define SMALL_SORT 32

static int
ascending(const void *left, const void *right)
{
    double a = *(const double *)left;
    double b = *(const double *)right;
    return (a > b) - (a < b);
}

static PyObject *
call_for_double(PyObject *function, PyObject *argument, double *out)
{
    PyObject *result = PyObject_CallOneArg(function, argument);
    if (result == NULL) {
        return NULL;
    }
    *out = PyFloat_AsDouble(result);
    Py_DECREF(result);
    if (*out == -1.0 && PyErr_Occurred()) {
        return NULL;
    }
    return Py_None; /* borrowed: only a success marker */
}

static PyObject *
balance(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 3 || !PyList_CheckExact(args[0])) {
        PyErr_SetString(PyExc_TypeError, "balance(ranked: list, fsum, sum)");
        return NULL;
    }
    PyObject *ranked = args[0];
    PyObject *fsum = args[1];
    PyObject *sum = args[2];
    Py_ssize_t count = PyList_GET_SIZE(ranked);
    PyObject *result = NULL;
    PyObject *kept = NULL;
    PyObject *points = NULL;
    long long *wholes = NULL;
    PyObject *scaled_list = PyList_New(count);
    double *scaled = PyMem_New(double, count * 3 + 1);
    if (scaled_list == NULL || scaled == NULL) {
        if (scaled == NULL) {
            PyErr_NoMemory();
        }
        goto done;
    }
    double *remainders = scaled + count;
    double *sorted = remainders + count;
    long long floor_sum = 0;
    for (Py_ssize_t index = 0; index < count; index++) {
        PyObject *entry = PyList_GET_ITEM(ranked, index);
        if (!PyTuple_CheckExact(entry) || PyTuple_GET_SIZE(entry) != 2
            || !PyFloat_CheckExact(PyTuple_GET_ITEM(entry, 0))) {
            PyErr_SetString(PyExc_TypeError, "ranked holds (float, int) tuples");
            goto done;
        }
        double value = -PyFloat_AS_DOUBLE(PyTuple_GET_ITEM(entry, 0)) * 100;
        double whole = floor(value);
        scaled[index] = value;
        remainders[index] = value - whole;
        floor_sum += (long long)whole;
        PyObject *boxed = PyFloat_FromDouble(value);
        if (boxed == NULL) {
            goto done;
        }
        PyList_SET_ITEM(scaled_list, index, boxed);
    }
    double exact;
    if (call_for_double(fsum, scaled_list, &exact) == NULL) {
        goto done;
    }
    long long deficit = (long long)floor(exact + 0.5) - floor_sum;

    /* The deficit largest remainders get a hundredth each: those above the
     * smallest one served (the threshold), then the first ``ties`` of those
     * equal to it. */
    double threshold = 2.0; /* above any remainder: none served */
    long long ties = 0;
    if (deficit > 0) {
        Py_ssize_t served = deficit < count ? (Py_ssize_t)deficit : count;
        memcpy(sorted, remainders, (size_t)count * sizeof(double));
        if (count <= SMALL_SORT) {
            /* An insertion sort: fewer steps than qsort for the usual dozen shares. */
            for (Py_ssize_t index = 1; index < count; index++) {
                double value = sorted[index];
                Py_ssize_t place = index;
                while (place > 0 && sorted[place - 1] > value) {
                    sorted[place] = sorted[place - 1];
                    place -= 1;
                }
                sorted[place] = value;
            }
        }
        else {
            qsort(sorted, (size_t)count, sizeof(double), ascending);
        }
        threshold = sorted[count - served];
        ties = served;
        for (Py_ssize_t index = count - served; index < count; index++) {
            if (sorted[index] > threshold) {
                ties -= 1;
            }
        }
    }
    /* Each share's hundredths, then the lists of those kept (above zero). */
    wholes = PyMem_New(long long, count + 1);
    if (wholes == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    long long total = 0;
    Py_ssize_t kept_count = 0;
    for (Py_ssize_t index = 0; index < count; index++) {
        long long whole = (long long)floor(scaled[index]);
        double remainder = remainders[index];
        if (remainder > threshold) {
            whole += 1;
        }
        else if (remainder == threshold && ties) {
            whole += 1;
            ties -= 1;
        }
        total += whole;
        wholes[index] = whole;
        kept_count += whole > 0;
    }
    kept = PyList_New(kept_count);
    points = PyList_New(kept_count);
    if (kept == NULL || points == NULL) {
        goto done;
    }
    Py_ssize_t filled = 0;
    for (Py_ssize_t index = 0; index < count; index++) {
        if (wholes[index] > 0) {
            PyObject *position = PyLong_FromSsize_t(index);
            PyObject *share = PyFloat_FromDouble((double)wholes[index] / 100);
            if (position == NULL || share == NULL) {
                Py_XDECREF(position);
                Py_XDECREF(share);
                goto done;
            }
            PyList_SET_ITEM(kept, filled, position);
            PyList_SET_ITEM(points, filled, share);
            filled += 1;
        }
    }
    double score = (double)total / 100;
    if (kept_count) {
        /* The last share becomes the score minus the others, then moves by
         * single float steps until the sum of all equals the score. */
        PyObject *others = PyList_GetSlice(points, 0, kept_count - 1);
        if (others == NULL) {
            goto done;
        }
        double sum_of_others;
        PyObject *called = call_for_double(sum, others, &sum_of_others);
        Py_DECREF(others);
        if (called == NULL) {
            goto done;
        }
        double last = score - sum_of_others;
        int steps = 0;
        for (;; steps++) {
            PyObject *boxed = PyFloat_FromDouble(last);
            if (boxed == NULL || PyList_SetItem(points, kept_count - 1, boxed) < 0) {
                goto done;
            }
            if (steps == 64) {
                /* A guard for float corner cases never seen in testing. */
                if (call_for_double(sum, points, &score) == NULL) {
                    goto done;
                }
                break;
            }
            double running;
            if (call_for_double(sum, points, &running) == NULL) {
                goto done;
            }
            if (running == score) {
                break;
            }
            last = nextafter(last, running < score ? INFINITY : -INFINITY);
        }
    }
    PyObject *boxed_score = PyFloat_FromDouble(score);
    if (boxed_score != NULL) {
        result = PyTuple_Pack(3, kept, points, boxed_score);
        Py_DECREF(boxed_score);
    }
done:
    Py_XDECREF(scaled_list);
    Py_XDECREF(kept);
    Py_XDECREF(points);
    PyMem_Free(scaled);
    PyMem_Free(wholes);
    return result;
}


/* How many pairwise slopes lie above and below the dead band: the C version
 * of attunement._assessor._beyond_band, the reference, which a test holds
 * this to.
 *
 * beyond_band(weeks, scores, start, band) -> (above, below) */
static PyObject *
beyond_band(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 4 || !PyList_CheckExact(args[0]) || !PyList_CheckExact(args[1])
        || PyList_GET_SIZE(args[0]) != PyList_GET_SIZE(args[1])) {
        PyErr_SetString(PyExc_TypeError,
                        "beyond_band(weeks: list, scores: list of the same length, start, band)");
        return NULL;
    }
    Py_ssize_t start = PyLong_AsSsize_t(args[2]);
    double band = PyFloat_AsDouble(args[3]);
    if (PyErr_Occurred()) {
        return NULL;
    }
    Py_ssize_t count = PyList_GET_SIZE(args[0]);
    if (start < 0 || start > count) {
        PyErr_SetString(PyExc_ValueError, "start is outside the points");
        return NULL;
    }
    Py_ssize_t size = count - start;
    double *xs = PyMem_New(double, 2 * size + 1);
    if (xs == NULL) {
        return PyErr_NoMemory();
    }
    double *ys = xs + size;
    for (Py_ssize_t index = 0; index < size; index++) {
        PyObject *week = PyList_GET_ITEM(args[0], start + index);
        PyObject *score = PyList_GET_ITEM(args[1], start + index);
        if (!PyLong_CheckExact(week) || !PyFloat_CheckExact(score)) {
            PyMem_Free(xs);
            PyErr_SetString(PyExc_TypeError, "weeks are ints and scores floats");
            return NULL;
        }
        xs[index] = (double)PyLong_AsLong(week);
        ys[index] = PyFloat_AS_DOUBLE(score);
    }
    if (PyErr_Occurred()) { /* a week too large for a long */
        PyMem_Free(xs);
        return NULL;
    }
    Py_ssize_t above = 0;
    Py_ssize_t below = 0;
    for (Py_ssize_t index = 0; index < size; index++) {
        for (Py_ssize_t later = index + 1; later < size; later++) {
            double slope = (ys[later] - ys[index]) / (xs[later] - xs[index]);
            if (slope > band) {
                above += 1;
            }
            else if (slope < -band) {
                below += 1;
            }
        }
    }
    PyMem_Free(xs);
    return Py_BuildValue("(nn)", above, below);
}

static PyMethodDef methods[] = {
    {"balance", (PyCFunction)(void (*)(void))balance, METH_FASTCALL,
     "balance(ranked, fsum, sum) -> (kept, points, score)"},
    {"beyond_band", (PyCFunction)(void (*)(void))beyond_band, METH_FASTCALL,
     "beyond_band(weeks, scores, start, band) -> (above, below)"},
    {"layout", (PyCFunction)(void (*)(void))layout, METH_FASTCALL,
     "layout(cls, names) -> Layout"},
    {"make", (PyCFunction)(void (*)(void))make, METH_FASTCALL, "make(layout, *values) -> object"},
    {"ordinal", (PyCFunction)ordinal, METH_O, "ordinal(date) -> int"},
    {"select", (PyCFunction)(void (*)(void))select_rows, METH_FASTCALL,
     "select(layout, items, first_monday, last_day) -> tuple | None"},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef slotted_module = {
    PyModuleDef_HEAD_INIT,
    .m_name = "attunement._slotted",
    .m_doc = "Slot reads and writes for the distance assessor (the optional build).",
    .m_size = -1,
    .m_methods = methods,
};

PyMODINIT_FUNC
PyInit__slotted(void)
{
    PyDateTime_IMPORT;
    if (PyDateTimeAPI == NULL) {
        return NULL;
    }
    if (PyType_Ready(&LayoutType) < 0) {
        return NULL;
    }
    PyObject *module = PyModule_Create(&slotted_module);
    if (module == NULL) {
        return NULL;
    }
    Py_INCREF(&LayoutType);
    if (PyModule_AddObject(module, "Layout", (PyObject *)&LayoutType) < 0) {
        Py_DECREF(&LayoutType);
        Py_DECREF(module);
        return NULL;
    }
    return module;
}
